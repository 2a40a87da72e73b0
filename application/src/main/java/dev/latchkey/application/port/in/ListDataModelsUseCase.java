package dev.latchkey.application.port.in;

import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Principal;
import java.util.List;

/** The catalog of data models that grants name. */
public interface ListDataModelsUseCase {
  /** Every data model, business models first, in a stable order; any authenticated caller may ask. */
  List<DataModel> listDataModels(Principal caller);
}
