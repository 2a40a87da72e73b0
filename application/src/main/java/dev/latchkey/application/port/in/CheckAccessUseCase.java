package dev.latchkey.application.port.in;

/**
 * Whether a token may take an action on a data model: denied for a token that is not active (or of
 * another tenant, for a tenant caller). A check of an active token is a call of its principal: it
 * spends the principal's rate-limit budget (rate limited once that is spent) and is recorded in
 * the principal's request log.
 */
public interface CheckAccessUseCase extends UseCase<CheckAccessQuery, AccessDecision> {}
