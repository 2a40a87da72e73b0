package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListDataModelsUseCase;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.util.List;

/** The fixed catalog of data models. */
public final class ListDataModelsService implements ListDataModelsUseCase {
  @Inject
  public ListDataModelsService() {}

  @Override
  public List<DataModel> listDataModels(Principal caller) {
    Authorization.require(caller, Operation.LIST_DATA_MODELS);
    return List.of(DataModel.values());
  }
}
