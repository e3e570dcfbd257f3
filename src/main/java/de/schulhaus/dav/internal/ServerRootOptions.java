package de.schulhaus.dav.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code OPTIONS /}, which Windows' WebDAV client (the Mini-Redirector) sends to the server's root before
 * anything else, whatever folder was mapped, and without a password: it goes on only when the answer
 * says WebDAV ({@code MS-Author-Via: DAV}, MS-WDVSE 2.2.2). The web UI would send it to the sign-in page,
 * so this answers before Spring Security (order -100); the root itself serves no WebDAV method.
 */
@Component
@Order(-110)
class ServerRootOptions extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"OPTIONS".equals(request.getMethod()) || !request.getRequestURI().equals(request.getContextPath() + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("DAV", "1, 2");
		response.setHeader("MS-Author-Via", "DAV");
		response.setHeader("Allow", "OPTIONS, GET, HEAD");
		response.setContentLength(0);
		response.setStatus(HttpServletResponse.SC_OK);
	}
}
