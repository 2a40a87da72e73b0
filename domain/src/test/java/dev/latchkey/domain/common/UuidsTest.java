package dev.latchkey.domain.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.tenant.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UuidsTest {
  @RepeatedTest(20)
  void canonicalLowercaseTextParsesToTheSameUuid() {
    UUID uuid = UUID.randomUUID();

    assertThat(Uuids.parse(uuid.toString())).contains(uuid);
  }

  @Test
  void theIdsPrintTheCanonicalTextTheyParseFrom() {
    String text = "01890a5d-ac96-774b-bcce-b302099a8057";

    assertThat(TenantId.parse(text)).map(TenantId::toString).contains(text);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    "01890A5D-AC96-774B-BCCE-B302099A8057",
    "01890a5d-ac96-774b-bcce-b302099a805F",
    "01890a5dac96774bbccec302099a8057",
    "1-1-1-1-1",
    "01890a5d-ac96-774b-bcce-b302099a80570",
    "01890a5d-ac96-774b-bcce-b302099a805",
    "{01890a5d-ac96-774b-bcce-b302099a8057}",
    " 01890a5d-ac96-774b-bcce-b302099a8057",
    "01890a5d-ac96-774b-bcce-b302099a8057\n",
    "01890a5d_ac96_774b_bcce_b302099a8057",
    "urn:uuid:01890a5d-ac96-774b-bcce-b302099a8057",
    "g1890a5d-ac96-774b-bcce-b302099a8057",
  })
  void anythingButCanonicalLowercaseTextIsRefused(String text) {
    assertThat(Uuids.parse(text)).isEmpty();
    assertThat(TenantId.parse(text)).isEmpty();
  }
}
