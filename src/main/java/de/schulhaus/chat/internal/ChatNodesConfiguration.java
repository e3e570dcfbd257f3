package de.schulhaus.chat.internal;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery across nodes, only with {@code schulhaus.chat.redis-url}: a connection of its own to Redis
 * (Boot's Redis auto-configuration is switched off, so a node without Redis starts nothing of it), the
 * channel's subscription and the relay between it and the {@link ChatFanout}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
class ChatNodesConfiguration {

	@Bean
	LettuceConnectionFactory chatRedisConnections(ChatProperties properties) {
		RedisURI uri = RedisURI.create(properties.redisUrl());
		LettuceClientConfiguration client = LettuceClientConfiguration.builder().apply(uri)
			// a publish while Redis is away fails at once instead of piling up; the subscription reconnects
			// and subscribes again by itself
			.clientOptions(ClientOptions.builder().disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
			.commandTimeout(Duration.ofSeconds(5)).build();
		return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client);
	}

	@Bean
	RedisMessageListenerContainer chatRedisSubscription(LettuceConnectionFactory chatRedisConnections) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(chatRedisConnections);
		// the relay only hands over (nothing it does waits), so messages are passed on in the order they came
		container.setTaskExecutor(new SyncTaskExecutor());
		return container;
	}

	@Bean
	RedisRelay chatRedisRelay(LettuceConnectionFactory chatRedisConnections, RedisMessageListenerContainer chatRedisSubscription,
			ChatFanout fanout, ChatProperties properties, JsonMapper json) {
		RedisRelay relay = new RedisRelay(new StringRedisTemplate(chatRedisConnections), properties.redisChannel(), fanout, json);
		chatRedisSubscription.addMessageListener(relay, new ChannelTopic(properties.redisChannel()));
		return relay;
	}
}
