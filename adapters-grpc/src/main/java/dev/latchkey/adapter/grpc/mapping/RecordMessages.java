package dev.latchkey.adapter.grpc.mapping;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.latchkey.domain.common.InvalidValueException;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.DataModelKind;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.FieldValue;
import dev.latchkey.domain.record.RecordFields;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.record.RecordRevision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Records between the API and the domain: names, Structs, and the messages. */
public final class RecordMessages {
  /** A record's name split into its model and id. */
  public record RecordName(DataModel dataModel, RecordId id) {}

  private static final String PREFIX = "dataModels/";
  private static final String BUSINESS_MODELS = Arrays.stream(DataModel.values())
      .filter(m -> m.kind() == DataModelKind.BUSINESS).map(DataModel::apiName).collect(Collectors.joining(", "));
  /** Far above what 64 KiB of JSON can take as a Struct; bounds the work done on a hostile one. */
  private static final int MAX_STRUCT_BYTES = 4 * RecordFields.MAX_BYTES;

  private RecordMessages() {}

  /** {@code dataModels/{data_model}}, a business model; null after recording a violation. */
  // Null only after recording a violation; callers call fields.check(), which throws, before any use.
  @SuppressWarnings("NullAway")
  public static DataModel parent(RequestFields fields, String field, String name) {
    if (name.isEmpty()) {
      fields.violation(field, "must not be empty");
      return null;
    }
    if (!name.startsWith(PREFIX) || name.indexOf('/', PREFIX.length()) >= 0) {
      fields.violation(field, "must be a resource name like dataModels/{data_model}");
      return null;
    }
    return model(fields, field, name.substring(PREFIX.length()));
  }

  /** {@code dataModels/{data_model}/records/{record}}; null after recording a violation. */
  // Null only after recording a violation; callers call fields.check(), which throws, before any use.
  @SuppressWarnings("NullAway")
  public static RecordName recordName(RequestFields fields, String field, String name) {
    if (name.isEmpty()) {
      fields.violation(field, "must not be empty");
      return null;
    }
    String[] parts = name.split("/", -1);
    if (parts.length != 4 || !parts[0].equals("dataModels") || !parts[2].equals("records")) {
      fields.violation(field, "must be a resource name like dataModels/{data_model}/records/{record}");
      return null;
    }
    DataModel model = model(fields, field, parts[1]);
    Optional<RecordId> id = RecordId.parse(parts[3]);
    if (id.isEmpty()) {
      fields.violation(field, "must be a resource name like dataModels/{data_model}/records/{record}");
      return null;
    }
    return model == null ? null : new RecordName(model, id.get());
  }

  @SuppressWarnings("NullAway")
  private static DataModel model(RequestFields fields, String field, String apiName) {
    Optional<DataModel> model = DataModel.byApiName(apiName);
    if (model.isEmpty()) {
      fields.violation(field, "unknown data model '" + ProtoRequests.truncate(apiName) + "' (see ListDataModels)");
      return null;
    }
    if (model.get().kind() != DataModelKind.BUSINESS) {
      fields.violation(field, apiName + " holds no records; records belong to " + BUSINESS_MODELS);
      return null;
    }
    return model.get();
  }

  /** An optional external id: empty text is none. Null only after recording a violation. */
  @SuppressWarnings("NullAway")
  public static Optional<ExternalId> externalId(RequestFields fields, String field, String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    ExternalId id = fields.value(field, () -> new ExternalId(text));
    return id == null ? null : Optional.of(id);
  }

  /** The fields of {@code struct} within the limits; null after recording a violation. */
  @SuppressWarnings("NullAway")
  public static RecordFields fields(RequestFields fields, String field, Struct struct) {
    // Counted before any entry is looked at.
    if (struct.getFieldsCount() > RecordFields.MAX_KEYS) {
      fields.violation(field, "at most " + RecordFields.MAX_KEYS + " top-level keys, not " + struct.getFieldsCount());
      return null;
    }
    if (struct.getSerializedSize() > MAX_STRUCT_BYTES) {
      fields.violation(field, "at most " + RecordFields.MAX_BYTES + " bytes as JSON");
      return null;
    }
    return fields.value(field, () -> {
      Map<String, FieldValue> values = new LinkedHashMap<>();
      struct.getFieldsMap().forEach((key, value) -> {
        RecordFields.requireKey(key);
        values.put(key, value(value, 2));
      });
      return RecordFields.of(values);
    });
  }

  /** One value, for a filter or a {@code fields.<key>} path. */
  public static FieldValue value(Value value, int level) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> new FieldValue.NullValue();
      case BOOL_VALUE -> new FieldValue.BoolValue(value.getBoolValue());
      case NUMBER_VALUE -> new FieldValue.NumberValue(value.getNumberValue());
      case STRING_VALUE -> new FieldValue.StringValue(value.getStringValue());
      case LIST_VALUE -> {
        requireLevel(level);
        List<FieldValue> values = new ArrayList<>();
        for (Value v : value.getListValue().getValuesList()) {
          values.add(value(v, level + 1));
        }
        yield new FieldValue.ListValue(values);
      }
      case STRUCT_VALUE -> {
        requireLevel(level);
        Map<String, FieldValue> nested = new LinkedHashMap<>();
        value.getStructValue().getFieldsMap().forEach((k, v) -> nested.put(k, value(v, level + 1)));
        yield new FieldValue.StructValue(nested);
      }
    };
  }

  // Stops a deep value at the limit rather than after walking all of it.
  private static void requireLevel(int level) {
    if (level > RecordFields.MAX_DEPTH) {
      throw new InvalidValueException("nested at most " + RecordFields.MAX_DEPTH + " levels deep");
    }
  }

  public static dev.latchkey.proto.v1.Record record(DataRecord record) {
    return dev.latchkey.proto.v1.Record.newBuilder()
        .setName(record.resourceName())
        .setExternalId(record.externalId().map(ExternalId::value).orElse(""))
        .setFields(struct(record.fields()))
        .setCreateTime(ProtoMapper.timestamp(record.createTime()))
        .setUpdateTime(ProtoMapper.timestamp(record.updateTime()))
        .setCreator(record.creator().resourceName())
        .setUpdater(record.updater().resourceName())
        .setEtag(Etags.of(record.version()))
        .build();
  }

  public static dev.latchkey.proto.v1.RecordRevision revision(RecordRevision r) {
    return dev.latchkey.proto.v1.RecordRevision.newBuilder()
        .setName(r.resourceName())
        .setKind(switch (r.kind()) {
          case CREATED -> dev.latchkey.proto.v1.RecordRevision.Kind.KIND_CREATED;
          case UPDATED -> dev.latchkey.proto.v1.RecordRevision.Kind.KIND_UPDATED;
          case DELETED -> dev.latchkey.proto.v1.RecordRevision.Kind.KIND_DELETED;
        })
        .setTime(ProtoMapper.timestamp(r.time()))
        .setActor(r.actor().resourceName())
        .setToken(r.token() == null ? "" : r.actor().resourceName() + "/tokens/" + r.token())
        .setMeans(r.means() == null ? "" : r.means().resourceName())
        .addAllChangedFields(r.changedFields())
        .setExternalId(r.externalId().map(ExternalId::value).orElse(""))
        .setFields(struct(r.fields()))
        .build();
  }

  static Struct struct(RecordFields fields) {
    Struct.Builder out = Struct.newBuilder();
    fields.values().forEach((k, v) -> out.putFields(k, value(v)));
    return out.build();
  }

  private static Value value(FieldValue value) {
    return switch (value) {
      case FieldValue.NullValue n -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
      case FieldValue.BoolValue b -> Value.newBuilder().setBoolValue(b.value()).build();
      case FieldValue.NumberValue n -> Value.newBuilder().setNumberValue(n.value()).build();
      case FieldValue.StringValue s -> Value.newBuilder().setStringValue(s.value()).build();
      case FieldValue.ListValue l -> Value.newBuilder().setListValue(ListValue.newBuilder()
          .addAllValues(l.values().stream().map(RecordMessages::value).toList())).build();
      case FieldValue.StructValue s -> {
        Struct.Builder nested = Struct.newBuilder();
        s.fields().forEach((k, v) -> nested.putFields(k, value(v)));
        yield Value.newBuilder().setStructValue(nested).build();
      }
    };
  }
}
