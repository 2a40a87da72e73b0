package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.analytics.Activity;

/**
 * The caller's tenant's user activities matching the filter, newest first.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.InvalidArgumentException} for a bad page size or
 * token.
 */
public interface ListActivitiesUseCase extends UseCase<ListActivitiesQuery, Page<Activity>> {}
