package dev.kv.bench.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Order statistics of a series of measurements: count, extremes, quartiles and median.
 *
 * @param count how many values
 * @param min the smallest
 * @param q1 the first quartile
 * @param median the median
 * @param q3 the third quartile
 * @param max the largest
 */
public record Summary(int count, double min, double q1, double median, double q3, double max) {

  /**
   * The statistics of {@code values}; quartiles interpolate linearly between the closest ranks.
   *
   * @throws IllegalArgumentException when there are no values
   */
  public static Summary of(Collection<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("No values");
    }
    List<Double> sorted = new ArrayList<>(values.size());
    for (Number value : values) {
      sorted.add(value.doubleValue());
    }
    Collections.sort(sorted);
    return new Summary(
        sorted.size(),
        sorted.get(0),
        quantile(sorted, 0.25),
        quantile(sorted, 0.5),
        quantile(sorted, 0.75),
        sorted.get(sorted.size() - 1));
  }

  /** The interquartile range, q3 - q1. */
  public double iqr() {
    return q3 - q1;
  }

  private static double quantile(List<Double> sorted, double p) {
    double rank = p * (sorted.size() - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    double fraction = rank - below;
    return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * fraction;
  }
}
