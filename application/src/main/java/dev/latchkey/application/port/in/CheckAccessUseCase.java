package dev.latchkey.application.port.in;

/**
 * Whether a token may take an action on a data model: false for a token that is not active
 * (or of another tenant, for a tenant caller).
 */
public interface CheckAccessUseCase extends UseCase<CheckAccessQuery, Boolean> {}
