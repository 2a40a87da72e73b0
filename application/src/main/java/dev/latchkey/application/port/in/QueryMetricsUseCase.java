package dev.latchkey.application.port.in;

import dev.latchkey.domain.analytics.MetricBucket;
import java.util.List;

/** The buckets of one metric that hold values, oldest first. */
public interface QueryMetricsUseCase extends UseCase<QueryMetricsQuery, List<MetricBucket>> {}
