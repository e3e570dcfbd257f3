package de.schulhaus.platform.internal;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Housekeeping jobs of the modules (clean-ups, sweepers) run on Spring's scheduler, and once per
 * cluster: a job annotated with {@code @SchedulerLock} takes a row lock in the database's
 * {@code shedlock} table, timed by the database's clock, so that of several nodes only one runs it.
 * Module event listeners ({@code @ApplicationModuleListener}) run asynchronously after the commit,
 * on the application's task executor (virtual threads where enabled), not in the request.
 */
@Configuration
@EnableScheduling
@EnableAsync
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class SchedulingConfig {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
	}
}
