package dev.latchkey.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditActionTest {
  @ParameterizedTest
  @EnumSource(AuditAction.class)
  void everyActionIsFoundByItsWireName(AuditAction action) {
    assertThat(AuditAction.byWireName(action.wireName())).contains(action);
  }

  @Test
  void wireNamesAreDistinctLowercaseResourceDotVerb() {
    assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::wireName))
        .doesNotHaveDuplicates()
        .allMatch(name -> name.matches("[a-z_]+\\.[a-z_]+"));
  }

  @Test
  void thePrivateAppAndTokenWireNamesAreTheDocumentedOnes() {
    assertThat(AuditAction.PRIVATE_APP_CREATED.wireName()).isEqualTo("private_app.created");
    assertThat(AuditAction.PRIVATE_APP_DISABLED.wireName()).isEqualTo("private_app.disabled");
    assertThat(AuditAction.API_TOKEN_DELETED.wireName()).isEqualTo("api_token.deleted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "PRIVATE_APP_CREATED", "Private_App.Created", "private_app.created ", "app.created"})
  void anythingElseIsNoAction(String name) {
    assertThat(AuditAction.byWireName(name)).isEmpty();
  }
}
