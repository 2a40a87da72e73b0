package dev.latchkey.domain.principal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.user.UserId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActorTest {
  private static final String ID = "0198e6a0-0000-7000-8000-00000000000a";

  @Test
  void eachKindOfActorIsReadBackFromItsResourceName() {
    Actor user = new Actor.UserRef(new UserId(UUID.fromString(ID)));
    Actor app = new Actor.PrivateAppRef(new PrivateAppId(UUID.fromString(ID)));
    Actor operator = new Actor.Operator();

    assertThat(user.resourceName()).isEqualTo("users/" + ID);
    assertThat(app.resourceName()).isEqualTo("privateApps/" + ID);
    assertThat(operator.resourceName()).isEqualTo("operator");
    assertThat(Actor.fromResourceName(user.resourceName())).contains(user);
    assertThat(Actor.fromResourceName(app.resourceName())).contains(app);
    assertThat(Actor.fromResourceName(operator.resourceName())).contains(operator);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "",
    "Operator",
    "operator/",
    "users/",
    "users/not-an-id",
    "users/0198E6A0-0000-7000-8000-00000000000A",
    "privateApps/" + ID + "/tokens/" + ID,
    "privateapps/" + ID,
    "roles/" + ID,
    "tenants/" + ID,
    " users/" + ID,
  })
  void anythingElseIsNoActor(String name) {
    assertThat(Actor.fromResourceName(name)).isEmpty();
  }
}
