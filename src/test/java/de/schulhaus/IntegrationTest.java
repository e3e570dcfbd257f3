package de.schulhaus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application over MockMvc, one shared context for all integration tests, with the test
 * module {@code de.schulhaus.sample} plugged in as a feature module would be.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "schulhaus.test.sample-module=true")
@AutoConfigureMockMvc
@ActiveProfiles("test")
public @interface IntegrationTest {
}
