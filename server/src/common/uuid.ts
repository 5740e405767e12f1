const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; checking first turns a malformed id into NOT_FOUND instead of a SQL error. */
export const isUuid = (value: string): boolean => UUID.test(value);
