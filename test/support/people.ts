import type { TestServer } from './test-server.js';

/** A new API token for `person`, made by the admin (`adminToken`). */
export async function newApiToken(
  server: TestServer,
  adminToken: string | undefined,
  person: string,
  name: string,
  expiresAt?: string,
): Promise<{ id: string; token: string }> {
  const created = await server.gql(
    `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { id token } }`,
    { i: { person, name, ...(expiresAt ? { expiresAt } : {}) } },
    adminToken,
  );
  if (created.errors) throw new Error(created.errors[0]!.message);
  return created.data!.createApiToken as { id: string; token: string };
}

/** A person with `role`, made by the admin, and an API token of theirs. */
export async function personToken(
  server: TestServer,
  adminToken: string | undefined,
  name: string,
  role: string,
): Promise<string> {
  const made = await server.gql(
    `mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`,
    { i: { name, role } },
    adminToken,
  );
  if (made.errors) throw new Error(made.errors[0]!.message);
  return (await newApiToken(server, adminToken, name, `${name} tests`)).token;
}
