package dev.latchkey.application.port.in;

import java.util.Optional;

/**
 * Whose a token is, if it is active. A caller with {@code token_introspection} read sees only
 * its own tenant's tokens as active; the operator sees all. Never an error for a bad token: empty.
 */
public interface IntrospectTokenUseCase extends UseCase<IntrospectTokenQuery, Optional<CallerIdentity>> {}
