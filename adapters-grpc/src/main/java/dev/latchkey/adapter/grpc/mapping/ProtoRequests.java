package dev.latchkey.adapter.grpc.mapping;

import com.google.protobuf.FieldMask;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** API messages to domain values, with a field violation for every bad part. */
public final class ProtoRequests {
  /** The most grants a permission set can have: one per data model. */
  private static final int MAX_GRANTS = DataModel.values().length;
  /** The most actions a grant can have: each action once. */
  private static final int MAX_ACTIONS = Action.values().length;

  private ProtoRequests() {}

  /** A permission set from {@code grants}; null after recording violations. */
  // Null only after recording a violation; the caller calls fields.check(), which throws, before any use.
  @SuppressWarnings("NullAway")
  public static PermissionSet grants(RequestFields fields, String field, List<dev.latchkey.proto.v1.Grant> grants) {
    if (grants.size() > MAX_GRANTS) {
      fields.violation(field, "at most one grant per data model (" + MAX_GRANTS + ")");
      return null;
    }
    List<Grant> parsed = new ArrayList<>();
    Set<DataModel> seen = new HashSet<>();
    boolean ok = true;
    for (int i = 0; i < grants.size(); i++) {
      String at = field + "[" + i + "]";
      var grant = grants.get(i);
      Optional<DataModel> model = DataModel.byApiName(grant.getDataModel());
      if (model.isEmpty()) {
        fields.violation(at + ".data_model", grant.getDataModel().isEmpty() ? "must not be empty"
            : "unknown data model '" + truncate(grant.getDataModel()) + "' (see ListDataModels)");
        ok = false;
        continue;
      }
      if (!seen.add(model.get())) {
        fields.violation(at + ".data_model", "duplicate grant for " + model.get().apiName());
        ok = false;
        continue;
      }
      EnumSet<Action> actions = EnumSet.noneOf(Action.class);
      // Counted before any entry is looked at: a packed list can hold a million values.
      if (grant.getActionsCount() > MAX_ACTIONS) {
        fields.violation(at + ".actions", "at most " + MAX_ACTIONS + " actions, each once");
        ok = false;
        continue;
      }
      if (grant.getActionsCount() == 0) {
        fields.violation(at + ".actions", "must name at least one action");
        ok = false;
        continue;
      }
      for (int value : grant.getActionsValueList()) {
        Optional<Action> action = action(value);
        if (action.isEmpty()) {
          fields.violation(at + ".actions", "unknown action " + value);
          ok = false;
        } else if (!actions.add(action.get())) {
          fields.violation(at + ".actions", "duplicate action " + action.get());
          ok = false;
        }
      }
      if (!actions.isEmpty()) {
        parsed.add(new Grant(model.get(), actions));
      }
    }
    return ok ? PermissionSet.of(parsed) : null;
  }

  public static Optional<Action> action(int value) {
    return switch (value) {
      case dev.latchkey.proto.v1.Action.ACTION_READ_VALUE -> Optional.of(Action.READ);
      case dev.latchkey.proto.v1.Action.ACTION_CREATE_VALUE -> Optional.of(Action.CREATE);
      case dev.latchkey.proto.v1.Action.ACTION_UPDATE_VALUE -> Optional.of(Action.UPDATE);
      case dev.latchkey.proto.v1.Action.ACTION_DELETE_VALUE -> Optional.of(Action.DELETE);
      default -> Optional.empty();
    };
  }

  /** The version in a client's etag; empty if none was sent; a violation if it is not ours. */
  public static OptionalLong etag(RequestFields fields, String field, String etag) {
    if (etag.isEmpty()) {
      return OptionalLong.empty();
    }
    Optional<Long> version = Etags.parse(etag);
    if (version.isEmpty()) {
      fields.violation(field, "is not an etag this server issued; read the resource again");
      return OptionalLong.empty();
    }
    return OptionalLong.of(version.get());
  }

  /**
   * The paths of a required update mask, each one of {@code updatable}; records a violation of
   * {@code field} for a missing or empty mask and for each unknown or repeated path.
   */
  public static Set<String> updateMask(RequestFields fields, String field, FieldMask mask, List<String> updatable) {
    String names = String.join(", ", updatable);
    Set<String> paths = new LinkedHashSet<>();
    if (mask == null || mask.getPathsCount() == 0) {
      fields.violation(field, "must name the fields to change: " + names);
      return paths;
    }
    // Counted before any path is looked at; room for each path twice so that repeats are named.
    int maxPaths = 2 * updatable.size();
    if (mask.getPathsCount() > maxPaths) {
      fields.violation(field, "must name at most " + maxPaths + " paths, each once: " + names);
      return paths;
    }
    for (String path : mask.getPathsList()) {
      if (!updatable.contains(path)) {
        fields.violation(field, "cannot update '" + truncate(path) + "'; updatable: " + names);
      } else if (!paths.add(path)) {
        fields.violation(field, "names '" + path + "' twice");
      }
    }
    return paths;
  }

  static String truncate(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }
}
