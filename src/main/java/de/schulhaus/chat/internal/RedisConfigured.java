package de.schulhaus.chat.internal;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when {@code schulhaus.chat.redis-url} names a server (empty, as by default: one node, nothing of Redis starts). */
class RedisConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty("schulhaus.chat.redis-url"));
	}
}
