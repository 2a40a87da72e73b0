package dev.latchkey.application.port.in;

import dev.latchkey.domain.permission.DataModel;
import java.util.List;

/**
 * The catalog of data models, in catalog order.
 */
public interface ListDataModelsUseCase extends UseCase<ListDataModelsQuery, List<DataModel>> {}
