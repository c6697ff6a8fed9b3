-- What a PostGraphile user adds for the gateway's Batch.cycleCounts: a computed column
-- (exposed as Batch.cycleCounts) returning the batch's cycles counted by status category.
CREATE TYPE cycle_counts AS (
  pending int, in_progress int, verifying int, complete int, blocked int, cancelled int, needed int
);

CREATE FUNCTION batch_cycle_counts(b batch) RETURNS cycle_counts LANGUAGE sql STABLE AS $$
  SELECT count(*) FILTER (WHERE status_category = 'PENDING')::int,
    count(*) FILTER (WHERE status_category = 'IN_PROGRESS')::int,
    count(*) FILTER (WHERE status_category = 'VERIFYING')::int,
    count(*) FILTER (WHERE status_category = 'COMPLETE')::int,
    count(*) FILTER (WHERE status_category = 'BLOCKED')::int,
    count(*) FILTER (WHERE status_category = 'CANCELLED')::int,
    b.number_cycles
  FROM cycle WHERE batch_id = b.id
$$;
