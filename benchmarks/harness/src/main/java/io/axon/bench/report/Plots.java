package io.axon.bench.report;

import io.axon.bench.report.Results.Spread;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The figures as PNG (XChart): medians of the repeats. */
public final class Plots {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private Plots() {}

  /**
   * A line per series: x from {@code x}, y the median of {@code y} over the points sharing (series,
   * x).
   */
  public static void lines(
      Path file,
      String title,
      String xTitle,
      String yTitle,
      List<Measurement> points,
      Function<Measurement, String> series,
      ToDoubleFunction<Measurement> x,
      ToDoubleFunction<Measurement> y,
      boolean logX,
      String machine)
      throws IOException {
    if (points.isEmpty()) {
      return;
    }
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle + "  —  " + machine)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    chart.getStyler().setAxisTitleFont(chart.getStyler().getAxisTitleFont().deriveFont(11f));
    Map<String, TreeMap<Double, List<Double>>> bySeries = new TreeMap<>();
    for (Measurement m : points) {
      double v = y.applyAsDouble(m);
      if (Double.isNaN(v)) {
        continue;
      }
      bySeries
          .computeIfAbsent(series.apply(m), k -> new TreeMap<>())
          .computeIfAbsent(x.applyAsDouble(m), k -> new ArrayList<>())
          .add(v);
    }
    for (var entry : bySeries.entrySet()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (var point : entry.getValue().entrySet()) {
        Spread s = Spread.of(point.getValue().stream().mapToDouble(Double::doubleValue).toArray());
        xs.add(point.getKey());
        ys.add(s.median());
      }
      // XChart's error bars are symmetric; the spread (min-max) is in the CSV and the table
      chart.addSeries(entry.getKey(), xs, ys);
    }
    save(chart, file);
  }

  /** Bars: one group per category, one bar per series, the median of {@code y}. */
  public static void bars(
      Path file,
      String title,
      String xTitle,
      String yTitle,
      List<Measurement> points,
      Function<Measurement, String> category,
      Function<Measurement, String> series,
      ToDoubleFunction<Measurement> y,
      String machine)
      throws IOException {
    List<Measurement> kept = points.stream().filter(notNaN(y)).toList();
    if (kept.isEmpty()) {
      return;
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle + "  —  " + machine)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    chart.getStyler().setAxisTitleFont(chart.getStyler().getAxisTitleFont().deriveFont(11f));
    List<String> categories = kept.stream().map(category).distinct().toList();
    Map<String, List<Measurement>> bySeries = new TreeMap<>();
    for (Measurement m : kept) {
      bySeries.computeIfAbsent(series.apply(m), k -> new ArrayList<>()).add(m);
    }
    for (var entry : bySeries.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (String c : categories) {
        ys.add(
            Spread.of(
                    entry.getValue().stream()
                        .filter(m -> category.apply(m).equals(c))
                        .mapToDouble(y)
                        .toArray())
                .median());
      }
      List<Double> clean = ys.stream().map(v -> Double.isNaN(v) ? 0.0 : v).toList();
      chart.addSeries(entry.getKey(), categories, clean);
    }
    save(chart, file);
  }

  private static Predicate<Measurement> notNaN(ToDoubleFunction<Measurement> y) {
    return m -> !Double.isNaN(y.applyAsDouble(m));
  }

  private static void save(Chart<?, ?> chart, Path file) throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
  }
}
