package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/** A PROPFIND of depth 1 costs the same number of SQL statements for a folder of 3 files as for one of 40. */
@IntegrationTest
@Import(PropfindQueriesTests.CountingDataSource.class)
class PropfindQueriesTests {

	static final AtomicInteger STATEMENTS = new AtomicInteger();

	@TestConfiguration
	static class CountingDataSource {

		@Bean
		static BeanPostProcessor countStatements() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return bean instanceof DataSource ds && !(bean instanceof DelegatingDataSource) ? counting(ds) : bean;
				}
			};
		}

		private static DataSource counting(DataSource target) {
			return new DelegatingDataSource(target) {
				@Override
				public Connection getConnection() throws java.sql.SQLException {
					Connection connection = super.getConnection();
					return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
							(proxy, method, args) -> {
								if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
									STATEMENTS.incrementAndGet();
								}
								try {
									return method.invoke(connection, args);
								}
								catch (InvocationTargetException ex) {
									throw ex.getCause();
								}
							});
				}
			};
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Test
	void depthOneCostsTheSameForAFewFilesAsForMany() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Zähl-Schule");
		var teacher = t.createUser(school, "Zora", "Zähler", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		String secret = credentials.createAppPassword(users.load(teacher.login()).orElseThrow(), "z", Set.of(Scope.FILES), null).secret();
		String root = "/dav/files/" + teacher.login() + "/";
		String setProperty = "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><z xmlns=\"urn:z\">1</z></D:prop></D:set></D:propertyupdate>";
		for (String folder : new String[] { "wenig", "viel" }) {
			mvc.perform(request(HttpMethod.valueOf("MKCOL"), root + folder).with(httpBasic(teacher.login(), secret)));
			for (int i = 0; i < (folder.equals("wenig") ? 3 : 40); i++) {
				String file = root + folder + "/f" + i + ".txt";
				mvc.perform(request(HttpMethod.PUT, file).content("x").with(httpBasic(teacher.login(), secret)));
				mvc.perform(request(HttpMethod.valueOf("PROPPATCH"), file).content(setProperty).with(httpBasic(teacher.login(), secret)));
			}
		}
		int few = statementsOf(root + "wenig/", teacher.login(), secret);
		int many = statementsOf(root + "viel/", teacher.login(), secret);
		assertThat(few).as("statements counted").isPositive();
		assertThat(many).isEqualTo(few);
	}

	private int statementsOf(String path, String login, String secret) throws Exception {
		STATEMENTS.set(0);
		var response = mvc.perform(request(HttpMethod.valueOf("PROPFIND"), path).header("Depth", "1").with(httpBasic(login, secret)))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(207);
		assertThat(response.getContentAsString()).contains("<z xmlns=\"urn:z\">1</z>");
		return STATEMENTS.get();
	}
}
