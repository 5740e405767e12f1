/**
 * Running experiments of $1 that halt themselves or have a webhook to tell, and have at
 * least $2 hosts opted in to every arm (before that, nothing is settled enough to act
 * or alert on).
 */
export const WATCHED_EXPERIMENTS_SQL = `
  SELECT w.slug, w.auto_halt AS "autoHalt", w.alerted FROM (
    SELECT x.id, x.slug, x.auto_halt,
           EXISTS (SELECT 1 FROM webhook h
                    WHERE h.active AND (h.experiment_id = x.id OR h.experiment_id IS NULL)) AS alerted
      FROM experiment x
     WHERE x.id = ANY($1::uuid[]) AND x.status = 'RUNNING') w
   WHERE (w.auto_halt OR w.alerted)
     AND (SELECT min(coalesce(t.hosts, 0)) FROM arm a
            LEFT JOIN (SELECT arm_id, sum(hosts) AS hosts FROM enrollment_tally
                        WHERE experiment_id = w.id AND status = 'OPTED_IN' GROUP BY arm_id) t
              ON t.arm_id = a.id
           WHERE a.experiment_id = w.id) >= $2`;

/** Halts running experiment $1 with reason $2 and the figures ($3, JSON) that caused it. */
export const HALT_SQL = `
  UPDATE experiment
     SET status = 'HALTED', halted_at = now(), halt_reason = $2, halt_figures = $3::jsonb, updated_at = now()
   WHERE id = $1 AND status = 'RUNNING'`;
