package dev.latchkey.application.port.in;

/**
 * Who the caller is, with its effective grants.
 */
public interface GetCallerIdentityUseCase extends UseCase<GetCallerIdentityQuery, CallerIdentity> {}
