package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.user.User;

/**
 * Users oldest first, optionally filtered; the next cursor is already an opaque page token.
 */
public interface ListUsersUseCase extends UseCase<ListUsersQuery, Page<User>> {}
