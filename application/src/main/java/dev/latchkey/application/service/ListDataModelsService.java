package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListDataModelsQuery;
import dev.latchkey.application.port.in.ListDataModelsUseCase;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.util.List;

/** The fixed catalog of data models. */
public final class ListDataModelsService extends AuthorizedService<ListDataModelsQuery, List<DataModel>>
    implements ListDataModelsUseCase {
  @Inject
  public ListDataModelsService() {}

  @Override
  protected List<DataModel> run(Principal caller, ListDataModelsQuery query) {
    return List.of(DataModel.values());
  }
}
