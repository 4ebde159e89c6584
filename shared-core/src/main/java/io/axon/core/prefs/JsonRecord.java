package io.axon.core.prefs;

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
 * Reads and writes one preference record as a JSON object through its accessors and canonical
 * constructor, without reflection (D8 turns records into plain classes on Android). Unlike the
 * protocol's adapter, a missing field takes its default, so a file written by hand or by an older
 * version stays valid, and an unknown field is an error, so a typo is not silently ignored.
 */
final class JsonRecord<T> extends JsonAdapter<T> {
  private final String type;
  private final List<Field<T>> fields;
  private final Map<String, Integer> index = new HashMap<>();
  private final JsonReader.Options names;
  private final Function<Values, T> constructor;

  private JsonRecord(String type, List<Field<T>> fields, Function<Values, T> constructor) {
    this.type = type;
    this.fields = List.copyOf(fields);
    String[] names = new String[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name;
      index.put(names[i], i);
    }
    this.names = JsonReader.Options.of(names);
    this.constructor = constructor;
  }

  /** Starts an adapter whose missing fields take their values from {@code defaults}. */
  static <T> Builder<T> builder(String type, T defaults) {
    return new Builder<>(type, defaults);
  }

  @Override
  public T fromJson(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new JsonDataException(
          "expected an object for " + type + " but was " + reader.peek() + " at " + path(reader));
    }
    String path = path(reader);
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = fields.get(i).defaultValue;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      int i = reader.selectName(names);
      if (i < 0) {
        String name = reader.nextName();
        throw new JsonDataException(
            "unknown field '"
                + name
                + "' at "
                + path(reader)
                + "; known fields of "
                + type
                + ": "
                + String.join(", ", index.keySet()));
      }
      Field<T> field = fields.get(i);
      if (reader.peek() == JsonReader.Token.NULL) {
        if (!field.nullable) {
          throw new JsonDataException(field.name + " must not be null at " + path(reader));
        }
        reader.nextNull();
        values[i] = null;
      } else {
        values[i] = field.adapter.fromJson(reader);
      }
    }
    reader.endObject();
    try {
      return constructor.apply(new Values(type, index, values));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new JsonDataException(e.getMessage() + " (at " + path + ")", e);
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
    return "JsonRecord(" + type + ")";
  }

  private static String path(JsonReader reader) {
    return reader.getPath();
  }

  /** The values read (or defaulted) for one object, by field name. */
  static final class Values {
    private final String type;
    private final Map<String, Integer> index;
    private final Object[] values;

    private Values(String type, Map<String, Integer> index, Object[] values) {
      this.type = type;
      this.index = index;
      this.values = values;
    }

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
    final boolean nullable;
    final Object defaultValue;

    @SuppressWarnings("unchecked")
    <V> Field(
        String name, JsonAdapter<V> adapter, Function<T, V> getter, boolean nullable, T defaults) {
      this.name = name;
      this.adapter = (JsonAdapter<Object>) adapter;
      this.getter = getter::apply;
      this.nullable = nullable;
      this.defaultValue = getter.apply(defaults);
    }
  }

  /** Lists the fields in the order they are written, then takes the constructor. */
  static final class Builder<T> {
    private final String type;
    private final T defaults;
    private final List<Field<T>> fields = new ArrayList<>();

    private Builder(String type, T defaults) {
      this.type = type;
      this.defaults = defaults;
    }

    /** A field that must not be null; when absent it takes the default's value. */
    <V> Builder<T> field(String name, JsonAdapter<V> adapter, Function<T, V> getter) {
      fields.add(new Field<>(name, adapter, getter, false, defaults));
      return this;
    }

    /** A field that may be null. */
    <V> Builder<T> nullable(String name, JsonAdapter<V> adapter, Function<T, V> getter) {
      fields.add(new Field<>(name, adapter, getter, true, defaults));
      return this;
    }

    JsonRecord<T> build(Function<Values, T> constructor) {
      return new JsonRecord<>(type, fields, constructor);
    }
  }
}
