package de.schulhaus.platform.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Housekeeping jobs of the modules (clean-ups, sweepers) run on Spring's scheduler. */
@Configuration
@EnableScheduling
class SchedulingConfig {
}
