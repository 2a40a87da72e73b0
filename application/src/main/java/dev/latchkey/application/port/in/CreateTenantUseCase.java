package dev.latchkey.application.port.in;

/**
 * Creates a tenant with its default roles, its account holder and that user's first personal
 * access token (operator only).
 */
public interface CreateTenantUseCase extends UseCase<CreateTenantCommand, CreatedTenant> {}
