package io.axon.core.protocol;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes one message type as a JSON object, field by field and by name, through accessors
 * and the canonical constructor it is given. No reflection: it works the same once D8 has turned
 * records into plain classes on Android. Unknown fields are skipped (newer peers may send more); a
 * missing or null required field, or a value the constructor rejects, fails with the JSON path.
 */
final class RecordAdapter<T> extends JsonAdapter<T> {
  private final String type;
  private final List<Field<T>> fields;
  private final Map<String, Integer> index;
  private final JsonReader.Options names;
  private final Function<Values, T> constructor;

  private RecordAdapter(String type, List<Field<T>> fields, Function<Values, T> constructor) {
    this.type = type;
    this.fields = List.copyOf(fields);
    this.index = new HashMap<>();
    String[] names = new String[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name;
      index.put(names[i], i);
    }
    this.names = JsonReader.Options.of(names);
    this.constructor = constructor;
  }

  static <T> Builder<T> builder(String type) {
    return new Builder<>(type);
  }

  @Override
  public T fromJson(JsonReader reader) throws IOException {
    String path = reader.getPath();
    Object[] values = new Object[fields.size()];
    boolean[] present = new boolean[fields.size()];
    reader.beginObject();
    while (reader.hasNext()) {
      int i = reader.selectName(names);
      if (i < 0) {
        reader.skipName();
        reader.skipValue();
        continue;
      }
      Field<T> field = fields.get(i);
      if (reader.peek() == JsonReader.Token.NULL) {
        reader.nextNull();
        if (!field.optional) {
          throw new JsonDataException(
              "field " + field.name + " of " + type + " must not be null at path " + path);
        }
        values[i] = null;
      } else {
        values[i] = field.adapter.fromJson(reader);
      }
      present[i] = true;
    }
    reader.endObject();
    for (int i = 0; i < present.length; i++) {
      if (!present[i] && !fields.get(i).optional) {
        throw new JsonDataException(
            "missing required field " + fields.get(i).name + " of " + type + " at path " + path);
      }
    }
    try {
      return constructor.apply(new Values(type, index, values));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new JsonDataException(type + " at path " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void toJson(JsonWriter writer, T value) throws IOException {
    if (value == null) {
      writer.nullValue();
      return;
    }
    writer.beginObject();
    for (Field<T> field : fields) {
      Object fieldValue = field.getter.apply(value);
      writer.name(field.name);
      if (fieldValue == null) {
        // Absent optional values are written as null, so readers see every field.
        boolean serializeNulls = writer.getSerializeNulls();
        writer.setSerializeNulls(true);
        writer.nullValue();
        writer.setSerializeNulls(serializeNulls);
      } else {
        field.adapter.toJson(writer, fieldValue);
      }
    }
    writer.endObject();
  }

  @Override
  public String toString() {
    return "RecordAdapter(" + type + ")";
  }

  /** The field values read for one object, by field name, for the constructor. */
  static final class Values {
    private final String type;
    private final Map<String, Integer> index;
    private final Object[] values;

    private Values(String type, Map<String, Integer> index, Object[] values) {
      this.type = type;
      this.index = index;
      this.values = values;
    }

    /** The value of field {@code name}: null only for an optional field that was absent. */
    @SuppressWarnings("unchecked")
    <V> V get(String name) {
      Integer i = index.get(name);
      if (i == null) {
        throw new IllegalStateException(type + " has no field " + name);
      }
      return (V) values[i];
    }
  }

  private static final class Field<T> {
    final String name;
    final JsonAdapter<Object> adapter;
    final Function<T, Object> getter;
    final boolean optional;

    @SuppressWarnings("unchecked")
    <V> Field(String name, JsonAdapter<V> adapter, Function<T, V> getter, boolean optional) {
      this.name = name;
      this.adapter = (JsonAdapter<Object>) adapter;
      this.getter = getter::apply;
      this.optional = optional;
    }
  }

  /** Lists the fields in the order they are written, then takes the constructor. */
  static final class Builder<T> {
    private final String type;
    private final List<Field<T>> fields = new ArrayList<>();

    private Builder(String type) {
      this.type = type;
    }

    /** A field that must be present and not null. */
    <V> Builder<T> field(String name, JsonAdapter<V> adapter, Function<T, V> getter) {
      fields.add(new Field<>(name, adapter, getter, false));
      return this;
    }

    /** A field that may be absent or null; the constructor then gets null. */
    <V> Builder<T> optional(String name, JsonAdapter<V> adapter, Function<T, V> getter) {
      fields.add(new Field<>(name, adapter, getter, true));
      return this;
    }

    RecordAdapter<T> build(Function<Values, T> constructor) {
      return new RecordAdapter<>(type, fields, constructor);
    }
  }
}
