package io.axon.bench.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark MLlib's LogisticRegression in local mode on the harness's train and holdout CSV files (the
 * same split the coordinator makes). For each iteration budget it fits {@code repeats} times and
 * prints one line per fit: {@code SPARK maxIter=<k> seconds=<fit time> accuracy=<holdout>}. The
 * data is read and cached before any fit is timed, and one untimed fit warms the JIT up.
 *
 * <p>Arguments: master train.csv holdout.csv repeats maxIter[,maxIter...] [targetAccuracy]. With a
 * target, it stops after the first budget whose accuracy reaches it.
 */
public final class SparkLogistic {
  private SparkLogistic() {}

  public static void main(String[] args) {
    String master = args[0];
    String trainCsv = args[1];
    String holdoutCsv = args[2];
    int repeats = Integer.parseInt(args[3]);
    int[] budgets = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
    double target = args.length > 5 ? Double.parseDouble(args[5]) : 2;
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName("axon-bench-spark-lr")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    try {
      Dataset<Row> train = load(spark, trainCsv).cache();
      Dataset<Row> holdout = load(spark, holdoutCsv).cache();
      System.out.printf(
          Locale.ROOT, "SPARK rows train=%d holdout=%d%n", train.count(), holdout.count());
      new LogisticRegression().setMaxIter(2).fit(train);
      for (int budget : budgets) {
        List<Double> seconds = new ArrayList<>();
        double accuracy = 0;
        for (int r = 0; r < repeats; r++) {
          long start = System.nanoTime();
          LogisticRegressionModel model =
              new LogisticRegression().setMaxIter(budget).setRegParam(0).fit(train);
          double s = (System.nanoTime() - start) / 1e9;
          accuracy = accuracy(model, holdout);
          seconds.add(s);
          System.out.printf(
              Locale.ROOT, "SPARK maxIter=%d seconds=%.4f accuracy=%.5f%n", budget, s, accuracy);
        }
        if (accuracy >= target) {
          break;
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static Dataset<Row> load(SparkSession spark, String csv) {
    List<StructField> fields = new ArrayList<>();
    Dataset<Row> header = spark.read().option("header", "true").csv(csv).limit(0);
    String[] columns = header.columns();
    for (String column : columns) {
      fields.add(DataTypes.createStructField(column, DataTypes.DoubleType, false));
    }
    Dataset<Row> raw =
        spark
            .read()
            .option("header", "true")
            .schema(new StructType(fields.toArray(new StructField[0])))
            .csv(csv);
    String[] features = Arrays.copyOf(columns, columns.length - 1);
    return new VectorAssembler()
        .setInputCols(features)
        .setOutputCol("features")
        .transform(raw)
        .withColumnRenamed(columns[columns.length - 1], "label")
        .select("features", "label");
  }

  private static double accuracy(LogisticRegressionModel model, Dataset<Row> holdout) {
    Dataset<Row> predicted = model.transform(holdout);
    long right =
        predicted.filter(functions.col("prediction").equalTo(functions.col("label"))).count();
    return (double) right / holdout.count();
  }
}
