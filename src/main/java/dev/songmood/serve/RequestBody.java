package dev.songmood.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.songmood.songs.RecordScreen;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;

/**
 * A {@code POST /predict} body, read and parsed within the {@link ServeConfig} limits: at most {@code maxBodyBytes}
 * read whatever the transfer encoding, JSON within Jackson's {@link StreamReadConstraints} (depth, string and number
 * lengths), songs with at most {@code maxSongFields} fields (and as many distinct names over a batch), at most
 * {@code maxBatch} songs. Each song comes out as the JSON line {@code predict} reads.
 */
final class RequestBody {
  /** Why a body is refused over a JSON bound. */
  static final String JSON_LIMIT = "json_limit";
  static final String TOO_LARGE = "body_too_large";

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(ServeConfig.MAX_JSON_DEPTH)
          .maxStringLength(ServeConfig.MAX_STRING_CHARS).maxNumberLength(ServeConfig.MAX_NUMBER_CHARS).build())
      .build());
  private static final String NOT_A_SONG = "expected a JSON object {\"id\", \"lyrics\"} or an array of them";

  /** The songs of one request, as JSON lines; {@code batch}: they came as an array (answered as one). */
  record Songs(boolean batch, List<String> lines) {
  }

  private final ServeConfig config;

  RequestBody(ServeConfig config) {
    this.config = config;
  }

  /** The body's bytes, at most {@code maxBodyBytes}: reading stops at one byte more (413, the rest left unread). */
  byte[] read(HttpServletRequest req) throws Rejection {
    long limit = config.maxBodyBytes();
    long declared = req.getContentLengthLong();
    if (declared > limit) {
      throw new Rejection(413, TOO_LARGE, declared + " bytes, more than the limit of " + limit, true);
    }
    byte[] body;
    try {
      InputStream in = req.getInputStream();
      body = in.readNBytes((int) limit + 1);
    } catch (IOException | BadMessageException e) {
      throw unreadable(e);
    }
    if (body.length > limit) {
      throw new Rejection(413, TOO_LARGE, "more than the limit of " + limit + " bytes", true);
    }
    return body;
  }

  /** A read that failed: too slow (Jetty's minimum data rate or idle timeout, 408) or cut off by the client. */
  private static Rejection unreadable(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadMessageException bad) {
        return new Rejection(bad.getCode(), "request_timeout", "the body came too slowly: " + bad.getReason(), true);
      }
      if (t instanceof TimeoutException) {
        return new Rejection(408, "request_timeout", "the body stopped arriving: " + t.getMessage(), true);
      }
    }
    return new Rejection(400, RecordScreen.MALFORMED, "the body could not be read: " + e, true);
  }

  /** The songs in {@code body}: one JSON object or an array of them. */
  Songs parse(byte[] body) throws Rejection {
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken first = p.nextToken();
      boolean batch = first == JsonToken.START_ARRAY;
      List<String> lines = new ArrayList<>();
      Set<String> names = new HashSet<>();
      if (batch) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (lines.size() == config.maxBatch()) {
            throw new Rejection(413, "batch_too_large", "more songs than the limit of " + config.maxBatch(), false);
          }
          lines.add(song(p, "the song at index " + lines.size(), names));
        }
        if (lines.isEmpty()) {
          throw Rejection.badRequest(RecordScreen.MALFORMED, "an empty batch");
        }
      } else {
        lines.add(song(p, "the song", names));
      }
      if (p.nextToken() != null) {
        throw Rejection.badRequest(RecordScreen.MALFORMED, "more JSON after the " + (batch ? "array" : "object"));
      }
      return new Songs(batch, lines);
    } catch (StreamConstraintsException e) {
      throw Rejection.badRequest(JSON_LIMIT, "the body is over a JSON limit: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw Rejection.badRequest(RecordScreen.MALFORMED, "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("reading JSON from memory failed", e);
    }
  }

  /**
   * The song object the parser is at, field by field, its fields counted before its values are read; {@code which}
   * names it in errors (a batch's by its 0-based index).
   */
  private String song(JsonParser p, String which, Set<String> names) throws Rejection, IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw Rejection.badRequest(RecordScreen.MALFORMED, NOT_A_SONG);
    }
    int max = config.maxSongFields();
    ObjectNode song = JSON.createObjectNode();
    int fields = 0;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      if (++fields > max) {
        throw Rejection.badRequest(JSON_LIMIT, which + " has more than " + max + " fields");
      }
      if (name.length() > ServeConfig.MAX_FIELD_NAME_CHARS) {
        throw Rejection.badRequest(JSON_LIMIT, which + " has a field name longer than "
            + ServeConfig.MAX_FIELD_NAME_CHARS + " characters");
      }
      if (names.add(name) && names.size() > max) {
        throw Rejection.badRequest(JSON_LIMIT, "the songs name more than " + max + " distinct fields");
      }
      p.nextToken();
      song.set(name, JSON.readTree(p));
    }
    return JSON.writeValueAsString(song);
  }
}
