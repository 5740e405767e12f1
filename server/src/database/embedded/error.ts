// What the embedded PostgreSQL's start throws for a reason people can act on: its
// message is a sentence saying what to do, shown without a stack trace.
export class EmbeddedDatabaseError extends Error {}
