package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.token.ApiToken;

/**
 * An owner's tokens oldest first; the next cursor is already an opaque page token.
 */
public interface ListApiTokensUseCase extends UseCase<ListApiTokensQuery, Page<ApiToken>> {}
