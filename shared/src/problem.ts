// The field path (`arms[1].key`, `facts.labels[2]`) lets a form or an agent point at
// the exact input that is wrong instead of repeating the whole message.
export interface Problem {
  field: string;
  message: string;
}
