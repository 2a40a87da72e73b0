-- Webhook outbox claims (issue 13, throughput): a claim looks at each webhook's head instead of
-- walking every due row. The due index made a claim read all due rows when one webhook had a long
-- backlog (each row behind the first is blocked by it, so the LIMIT was never reached).

-- Deliveries never attempted, per webhook in commit order: the webhooks with new events (a skip
-- scan over distinct webhooks) and the next ones of each.
create index webhook_delivery_new_idx on webhook_delivery (webhook_id, seq) where attempts = 0;

-- Deliveries that failed and wait for their retry: those due now, oldest first, and those of one
-- webhook.
create index webhook_delivery_retry_idx on webhook_delivery (next_attempt_time) where attempts > 0;
create index webhook_delivery_webhook_retry_idx on webhook_delivery (webhook_id, next_attempt_time)
    where attempts > 0;

-- Replaced by the two above: new deliveries are due at once, retries are found by the partial index.
drop index webhook_delivery_due_idx;
