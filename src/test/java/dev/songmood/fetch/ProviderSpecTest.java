package dev.songmood.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A provider that sends a key gets no plain http:// endpoint unless told to; one that sends none is unaffected. */
class ProviderSpecTest {
  private static final ApiKey KEY = ApiKey.of("mxm-test-key");

  @Test
  void aKeyInTheQueryStringNeverTravelsOverPlainHttpUnlessAllowed() {
    for (String endpoint : new String[] {"http://127.0.0.1:8080/ws/1.1", "http://api.musixmatch.example/ws"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ProviderSpec.musixmatch(endpoint, KEY));
      assertTrue(e.getMessage().contains("--allow-insecure-endpoint"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> new ProviderSpec(ProviderSpec.MUSIXMATCH, endpoint, KEY));
      assertEquals(endpoint, ProviderSpec.musixmatch(endpoint, KEY, true).endpoint());
    }
    assertEquals("https://api.musixmatch.example/ws",
        ProviderSpec.musixmatch("https://api.musixmatch.example/ws/", KEY).endpoint());
    assertEquals(ProviderSpec.MUSIXMATCH_ENDPOINT, ProviderSpec.musixmatch(null, KEY).endpoint());
  }

  @Test
  void aProviderWithoutAKeyMayUsePlainHttp() {
    assertEquals("http://127.0.0.1:8080", ProviderSpec.lrclib("http://127.0.0.1:8080/").endpoint());
    assertEquals("http://lyrics.example", new ProviderSpec(ProviderSpec.LRCLIB, "http://lyrics.example", null)
        .endpoint());
  }
}
