package io.axon.core.protocol;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The explicit JSON adapters of the records of volunteer accounts, credit and earnings. Money is a
 * string decimal ({@code "0.125000000"}), times are ISO-8601 instants ({@code
 * "2026-11-25T14:03:07.250Z"}) and days ISO dates ({@code "2026-11-25"}).
 */
final class CreditAdapters implements JsonAdapter.Factory {
  static final JsonAdapter<BigDecimal> MONEY =
      new TextAdapter<>("a decimal amount, e.g. \"0.125000000\"") {
        @Override
        BigDecimal parse(String text) {
          return new BigDecimal(text);
        }

        @Override
        String format(BigDecimal value) {
          return value.toPlainString();
        }
      };

  static final JsonAdapter<Instant> INSTANT =
      new TextAdapter<>("an ISO-8601 instant, e.g. \"2026-11-25T14:03:07Z\"") {
        @Override
        Instant parse(String text) {
          return Instant.parse(text);
        }

        @Override
        String format(Instant value) {
          return value.toString();
        }
      };

  static final JsonAdapter<LocalDate> DATE =
      new TextAdapter<>("an ISO-8601 date, e.g. \"2026-11-25\"") {
        @Override
        LocalDate parse(String text) {
          return LocalDate.parse(text);
        }

        @Override
        String format(LocalDate value) {
          return value.toString();
        }
      };

  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    JsonAdapter<String> string = moshi.adapter(String.class);
    JsonAdapter<Long> int64 = moshi.adapter(long.class);
    JsonAdapter<Double> float64 = moshi.adapter(double.class);

    if (type == AccountRequest.class) {
      return RecordAdapter.<AccountRequest>builder("AccountRequest")
          .field("name", string, AccountRequest::name)
          .build(v -> new AccountRequest(v.get("name")));
    }
    if (type == AccountCreated.class) {
      return RecordAdapter.<AccountCreated>builder("AccountCreated")
          .field("accountId", int64, AccountCreated::accountId)
          .field("name", string, AccountCreated::name)
          .field("accountKey", string, AccountCreated::accountKey)
          .build(v -> new AccountCreated(v.get("accountId"), v.get("name"), v.get("accountKey")));
    }
    if (type == AccountSummary.class) {
      return RecordAdapter.<AccountSummary>builder("AccountSummary")
          .field("accountId", int64, AccountSummary::accountId)
          .field("name", string, AccountSummary::name)
          .field("totalCredit", float64, AccountSummary::totalCredit)
          .field("recentAverageCredit", float64, AccountSummary::recentAverageCredit)
          .field("currency", string, AccountSummary::currency)
          .field("totalEarnings", MONEY, AccountSummary::totalEarnings)
          .build(
              v ->
                  new AccountSummary(
                      v.get("accountId"),
                      v.get("name"),
                      v.get("totalCredit"),
                      v.get("recentAverageCredit"),
                      v.get("currency"),
                      v.get("totalEarnings")));
    }
    if (type == EarningsStatement.Host.class) {
      return RecordAdapter.<EarningsStatement.Host>builder("EarningsStatement.Host")
          .field("hostId", int64, EarningsStatement.Host::hostId)
          .field("name", string, EarningsStatement.Host::name)
          .field("totalCredit", float64, EarningsStatement.Host::totalCredit)
          .field("recentAverageCredit", float64, EarningsStatement.Host::recentAverageCredit)
          .build(
              v ->
                  new EarningsStatement.Host(
                      v.get("hostId"),
                      v.get("name"),
                      v.get("totalCredit"),
                      v.get("recentAverageCredit")));
    }
    if (type == EarningsStatement.Job.class) {
      return RecordAdapter.<EarningsStatement.Job>builder("EarningsStatement.Job")
          .field("jobId", int64, EarningsStatement.Job::jobId)
          .field("jobName", string, EarningsStatement.Job::jobName)
          .field("credit", float64, EarningsStatement.Job::credit)
          .field("earnings", MONEY, EarningsStatement.Job::earnings)
          .build(
              v ->
                  new EarningsStatement.Job(
                      v.get("jobId"), v.get("jobName"), v.get("credit"), v.get("earnings")));
    }
    if (type == EarningsStatement.Day.class) {
      return RecordAdapter.<EarningsStatement.Day>builder("EarningsStatement.Day")
          .field("date", DATE, EarningsStatement.Day::date)
          .field("credit", float64, EarningsStatement.Day::credit)
          .field("earnings", MONEY, EarningsStatement.Day::earnings)
          .build(v -> new EarningsStatement.Day(v.get("date"), v.get("credit"), v.get("earnings")));
    }
    if (type == EarningsStatement.Entry.class) {
      return RecordAdapter.<EarningsStatement.Entry>builder("EarningsStatement.Entry")
          .field("time", INSTANT, EarningsStatement.Entry::time)
          .field("jobId", int64, EarningsStatement.Entry::jobId)
          .field("jobName", string, EarningsStatement.Entry::jobName)
          .field("workUnitId", int64, EarningsStatement.Entry::workUnitId)
          .field("hostId", int64, EarningsStatement.Entry::hostId)
          .field("credit", float64, EarningsStatement.Entry::credit)
          .field("earnings", MONEY, EarningsStatement.Entry::earnings)
          .build(
              v ->
                  new EarningsStatement.Entry(
                      v.get("time"),
                      v.get("jobId"),
                      v.get("jobName"),
                      v.get("workUnitId"),
                      v.get("hostId"),
                      v.get("credit"),
                      v.get("earnings")));
    }
    if (type == EarningsStatement.class) {
      return RecordAdapter.<EarningsStatement>builder("EarningsStatement")
          .field("accountId", int64, EarningsStatement::accountId)
          .field("name", string, EarningsStatement::name)
          .field("currency", string, EarningsStatement::currency)
          .field("from", INSTANT, EarningsStatement::from)
          .field("to", INSTANT, EarningsStatement::to)
          .field("totalCredit", float64, EarningsStatement::totalCredit)
          .field("totalEarnings", MONEY, EarningsStatement::totalEarnings)
          .optional("hosts", list(moshi, EarningsStatement.Host.class), EarningsStatement::hosts)
          .optional("jobs", list(moshi, EarningsStatement.Job.class), EarningsStatement::jobs)
          .optional("days", list(moshi, EarningsStatement.Day.class), EarningsStatement::days)
          .optional(
              "entries", list(moshi, EarningsStatement.Entry.class), EarningsStatement::entries)
          .build(
              v ->
                  new EarningsStatement(
                      v.get("accountId"),
                      v.get("name"),
                      v.get("currency"),
                      v.get("from"),
                      v.get("to"),
                      v.get("totalCredit"),
                      v.get("totalEarnings"),
                      v.get("hosts"),
                      v.get("jobs"),
                      v.get("days"),
                      v.get("entries")));
    }
    return null;
  }

  private static <T> JsonAdapter<List<T>> list(Moshi moshi, Class<T> element) {
    return moshi.adapter(Types.newParameterizedType(List.class, element));
  }

  /** A value written as a JSON string; a string it cannot parse fails with its path. */
  private abstract static class TextAdapter<T> extends JsonAdapter<T> {
    private final String expected;

    TextAdapter(String expected) {
      this.expected = expected;
    }

    abstract T parse(String text);

    abstract String format(T value);

    @Override
    public T fromJson(JsonReader reader) throws IOException {
      String path = reader.getPath();
      String text = reader.nextString();
      try {
        return parse(text);
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new JsonDataException(
            "expected " + expected + " but was \"" + text + "\" at path " + path);
      }
    }

    @Override
    public void toJson(JsonWriter writer, T value) throws IOException {
      if (value == null) {
        writer.nullValue();
      } else {
        writer.value(format(value));
      }
    }
  }
}
