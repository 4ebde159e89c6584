package io.axon.core.protocol;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.List;

/**
 * The JSON of protocol v1: one {@link Moshi} with an explicit adapter for every message (see
 * docs/PROTOCOL.md), shared by the coordinator and all volunteers. Thread-safe.
 */
public final class ProtocolJson {
  private static final Moshi MOSHI =
      new Moshi.Builder().add(new ProtocolAdapters()).add(ProtocolAdapters.NO_REFLECTION).build();

  private ProtocolJson() {}

  /** The shared Moshi instance; asking it for an Axon type without an adapter fails. */
  public static Moshi moshi() {
    return MOSHI;
  }

  /** The cached adapter for a message type. */
  public static <T> JsonAdapter<T> adapter(Class<T> type) {
    return MOSHI.adapter(type);
  }

  /** The adapter for a JSON array of messages, e.g. the reply of {@code GET /api/v1/jobs}. */
  public static <T> JsonAdapter<List<T>> listAdapter(Class<T> elementType) {
    return MOSHI.adapter(Types.newParameterizedType(List.class, elementType));
  }

  /** Writes a message (or a list of messages) as compact JSON. */
  public static String toJson(Object message) {
    return MOSHI.adapter(Object.class).toJson(message);
  }

  /**
   * Reads one message of type {@code type}.
   *
   * @throws ProtocolException if {@code json} is malformed, has a missing or mistyped field, or a
   *     value the message rejects; the message names the problem and its JSON path
   */
  public static <T> T fromJson(String json, Class<T> type) {
    return read(json, adapter(type), type.getSimpleName());
  }

  /** Reads a JSON array of messages; fails like {@link #fromJson}. */
  public static <T> List<T> listFromJson(String json, Class<T> elementType) {
    return read(json, listAdapter(elementType), "list of " + elementType.getSimpleName());
  }

  private static <T> T read(String json, JsonAdapter<T> adapter, String what) {
    T value;
    try {
      value = adapter.fromJson(json);
    } catch (JsonDataException e) {
      throw new ProtocolException("invalid " + what + " JSON: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) { // JsonEncodingException, EOFException
      throw new ProtocolException("malformed " + what + " JSON: " + describe(e), e);
    }
    if (value == null) {
      throw new ProtocolException("invalid " + what + " JSON: expected a value but was null", null);
    }
    return value;
  }

  private static String describe(Exception e) {
    String message = String.valueOf(e.getMessage());
    // Moshi's advice to developers; the reader of our message wants the place.
    return message.replace(
        "Use JsonReader.setLenient(true) to accept malformed JSON", "syntax error");
  }
}
