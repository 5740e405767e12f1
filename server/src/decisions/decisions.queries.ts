/**
 * Running experiments of $1 that halt themselves and have at least $2 hosts opted in
 * to every arm (before that, nothing is settled enough to act on).
 */
export const WATCHED_EXPERIMENTS_SQL = `
  SELECT x.slug FROM experiment x
   WHERE x.id = ANY($1::uuid[]) AND x.status = 'RUNNING' AND x.auto_halt
     AND (SELECT min(coalesce(t.hosts, 0)) FROM arm a
            LEFT JOIN (SELECT arm_id, sum(hosts) AS hosts FROM enrollment_tally
                        WHERE experiment_id = x.id AND status = 'OPTED_IN' GROUP BY arm_id) t
              ON t.arm_id = a.id
           WHERE a.experiment_id = x.id) >= $2`;

/** Halts running experiment $1 with reason $2 and the figures ($3, JSON) that caused it. */
export const HALT_SQL = `
  UPDATE experiment
     SET status = 'HALTED', halted_at = now(), halt_reason = $2, halt_figures = $3::jsonb, updated_at = now()
   WHERE id = $1 AND status = 'RUNNING'`;
