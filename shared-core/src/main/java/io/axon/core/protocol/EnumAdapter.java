package io.axon.core.protocol;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;

/** An enum as its constant name, without the reflection Moshi's built-in enum adapter uses. */
final class EnumAdapter<E extends Enum<E>> extends JsonAdapter<E> {
  private final E[] constants;
  private final JsonReader.Options names;
  private final String expected;

  EnumAdapter(E[] constants) {
    this.constants = constants.clone();
    String[] names = new String[constants.length];
    for (int i = 0; i < constants.length; i++) {
      names[i] = constants[i].name();
    }
    this.names = JsonReader.Options.of(names);
    this.expected = String.join(", ", names);
  }

  @Override
  public E fromJson(JsonReader reader) throws IOException {
    String path = reader.getPath();
    if (reader.peek() != JsonReader.Token.STRING) {
      throw new JsonDataException(
          "Expected one of " + expected + " but was " + reader.peek() + " at path " + path);
    }
    int i = reader.selectString(names);
    if (i < 0) {
      throw new JsonDataException(
          "Expected one of " + expected + " but was " + reader.nextString() + " at path " + path);
    }
    return constants[i];
  }

  @Override
  public void toJson(JsonWriter writer, E value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else {
      writer.value(value.name());
    }
  }

  @Override
  public String toString() {
    return "EnumAdapter(" + constants[0].getDeclaringClass().getSimpleName() + ")";
  }
}
