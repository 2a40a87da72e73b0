package dev.latchkey.application.port.in;

import dev.latchkey.domain.permission.DataModel;

/** A request about records of one business data model: its grants are checked on that model. */
public interface RecordRequest extends Request {
  /** The business data model whose records the request reads or changes. */
  DataModel dataModel();
}
