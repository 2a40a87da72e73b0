package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.in.ListRecordsQuery;
import dev.latchkey.application.port.in.ListRecordsUseCase;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/** Lists a model's records in the order of their last change, filtered. */
public final class ListRecordsService extends InTenantService<ListRecordsQuery, Page<DataRecord>>
    implements ListRecordsUseCase {
  /** The repositories' cursor: change time in epoch microseconds, then sequence number. */
  private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}:[0-9]{1,18}");

  private final RecordRepository records;

  @Inject
  public ListRecordsService(RecordRepository records) {
    this.records = records;
  }

  @Override
  protected Page<DataRecord> handle(Principal.TenantPrincipal caller, ListRecordsQuery query) {
    // A token is bound to its model and filter: changing either mid-way starts over rather than skipping.
    String scope = "records:" + query.dataModel().apiName() + ":" + digest(query.filter().canonical());
    PageRequest request = Paging.cursorRequest(scope, query.page(), CURSOR);
    return Paging.withPageToken(scope, records.list(caller.tenantId(), query.dataModel(), query.filter(), request));
  }

  /** Keeps page tokens short whatever the filter. */
  private static String digest(String text) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
