import pg from 'pg';

/**
 * The same arms for the same hosts on every run. A host's arm hashes the experiment's
 * salt with the host's id, and both are random (the salt from randomBytes, the id from
 * gen_random_uuid()), so a seeded simulated fleet would still split anew each run, and
 * any statistic of the split pass or fail by chance. Here the experiment gets a fixed
 * salt, and a trigger on this test's own database derives each new host's id from its
 * machine id. Call it before the fleet enrolls.
 */
export async function fixSplit(
  databaseUrl: string,
  experimentSlug: string,
  salt = 'fixed-split',
): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const updated = await db.query('UPDATE experiment SET salt = $2 WHERE slug = $1', [
      experimentSlug,
      salt,
    ]);
    if (updated.rowCount !== 1) throw new Error(`No experiment "${experimentSlug}" to fix`);
    await db.query(
      `CREATE OR REPLACE FUNCTION test_host_id_of_machine() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.id := md5(NEW.machine_id_hash)::uuid; RETURN NEW; END $$`,
    );
    await db.query(
      `CREATE OR REPLACE TRIGGER test_host_id_of_machine BEFORE INSERT ON host
       FOR EACH ROW EXECUTE FUNCTION test_host_id_of_machine()`,
    );
  } finally {
    await db.end();
  }
}
