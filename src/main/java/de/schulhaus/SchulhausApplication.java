package de.schulhaus;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Schulhaus: one platform, one sign-in for a school's files, calendars, mail and chat. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SchulhausApplication {

	public static void main(String[] args) {
		SpringApplication.run(SchulhausApplication.class, args);
	}
}
