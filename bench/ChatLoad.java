import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The messenger under load (bench/chat.sh): signs people in through the sign-in form, holds one
 * WebSocket (/ws) per person open, posts messages over the HTTP API at a fixed rate (open loop: each
 * message's text carries the time it was due, so a sender that falls behind shows up as latency),
 * and checks per client and room that every message posted arrived once. Then one broadcast to the
 * big room, timed until every member has it.
 * <p>
 * Everything runs in this one JVM, so send and receive times come from the same System.nanoTime.
 * Receiving reads the WebSockets on a few selector threads with the frames parsed by hand ({@link LiveSocket});
 * posting uses plain HTTP/1.1 on kept-alive sockets. Both cost far less CPU than the JDK's HttpClient and
 * WebSocket client on a box whose two cores the server needs too.
 * <p>
 * Between phases it waits at checkpoints so that the script can measure the server: it writes
 * {@code <dir>/<name>} and goes on when {@code <dir>/<name>.go} exists.
 * <p>
 * Usage: java ChatLoad.java baseUrl peopleFile roomsFile password serverPid dir rate seconds bigRoomMembers warmupSeconds churn senders
 * senders: posts in flight at most (threads, each with its own kept-alive connection), so that the
 * client side does not cap the server's concurrency: 5,000 browsers would not.
 * churn: clients a second (warm-up and measured phase) whose connection the bench drops; each reconnects a second later
 * and resumes from the last seq it has without a gap before it, as a real client after a network hiccup.
 * The first warmupSeconds of posting (same rate) let the server's JIT compile the path; their messages are
 * checked for loss like all others, but neither their latency nor the CPU they cost is counted. Before the measured
 * phase, the bench waits until every warm-up post is answered and delivered: a backlog the cold server built up would
 * otherwise carry over into the measured phase, which is about a node that has been running.
 * peopleFile: one client a line, "login TAB classRoomIndex"; the first bigRoomMembers are in the big room,
 * the first of them posts the broadcast. roomsFile: "index TAB chatRoomUuid", the big room last.
 */
public class ChatLoad {

	static final String CSRF_COOKIE = "SCHULHAUS_CSRF";
	static final String CSRF_HEADER = "X-XSRF-TOKEN";
	static final String SESSION_COOKIE = "SCHULHAUS_SESSION";
	static final long START = System.nanoTime();

	static URI base;
	static Path dir;
	static String[] roomIds;
	static Map<String, Integer> roomIndex = new HashMap<>();
	static int classRooms;
	static Client[] clients;
	static List<List<Client>> membersOf = new ArrayList<>();
	/** Per class room, the n of every message whose POST was answered 201. */
	static BitSet[] posted;
	/** Per class room, the n of every message posted over a connection that went away before the answer: maybe stored. */
	static BitSet[] unsure;
	static final Object postedLock = new Object();
	/** Whether the clients post over their WebSocket (else over the HTTP API, as the web page does). */
	static boolean viaSocket;
	static Loop[] loops;
	static final AtomicLong unanswered = new AtomicLong();

	static int[] latencyMicros;
	/** The second of the measured phase in which each recorded message was due. */
	static short[] latencySecond;
	static volatile long measureFrom = Long.MAX_VALUE;
	static final AtomicInteger latencyCount = new AtomicInteger();
	static final AtomicLong delivered = new AtomicLong();
	static final AtomicLong duplicates = new AtomicLong();
	static final AtomicLong resumedDuplicates = new AtomicLong();
	/**
	 * Out of order at a client that has resumed: a resume the server reads only after its grace (1 s after the connect, under
	 * overload) gets the live messages first and the missed ones after them, by design (ChatConnection).
	 */
	static final AtomicLong resumedOutOfOrder = new AtomicLong();
	static final AtomicLong outOfOrder = new AtomicLong();
	static final AtomicLong reconnects = new AtomicLong();
	static final AtomicLong closedByServer = new AtomicLong();
	static final AtomicLong dropped = new AtomicLong();
	static final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
	static volatile boolean closing;
	static volatile long broadcastSentNanos;
	static final ConcurrentLinkedQueue<Long> broadcastReceived = new ConcurrentLinkedQueue<>();

	public static void main(String[] args) throws Exception {
		base = URI.create(args[0]);
		List<String[]> people = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).map(s -> s.split("\t")).toList();
		List<String[]> rooms = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).map(s -> s.split("\t")).toList();
		String password = args[3];
		long serverPid = Long.parseLong(args[4]);
		dir = Path.of(args[5]);
		int rate = Integer.parseInt(args[6]);
		int seconds = Integer.parseInt(args[7]);
		int bigRoomMembers = Integer.parseInt(args[8]);
		int warmup = Integer.parseInt(args[9]);
		int churn = Integer.parseInt(args[10]);
		int senderThreads = Integer.parseInt(args[11]);
		viaSocket = args.length > 12 && "ws".equals(args[12]);

		roomIds = new String[rooms.size()];
		for (String[] r : rooms) {
			roomIds[Integer.parseInt(r[0])] = r[1];
			roomIndex.put(r[1], Integer.parseInt(r[0]));
			membersOf.add(new ArrayList<>());
		}
		classRooms = rooms.size() - 1;
		posted = new BitSet[classRooms];
		unsure = new BitSet[classRooms];
		for (int i = 0; i < classRooms; i++) {
			posted[i] = new BitSet();
			unsure[i] = new BitSet();
		}
		clients = new Client[people.size()];
		for (int i = 0; i < clients.length; i++) {
			clients[i] = new Client(i, people.get(i)[0], Integer.parseInt(people.get(i)[1]), i < bigRoomMembers);
			membersOf.get(clients[i].classRoom).add(clients[i]);
			if (clients[i].inBigRoom) {
				membersOf.get(classRooms).add(clients[i]);
			}
		}

		// --- sign in: the form, one POST each (the CSRF token is the cookie's, masked as a page would) ---
		long t0 = System.nanoTime();
		ExecutorService signIns = Executors.newFixedThreadPool(8);
		ThreadLocal<Http> signInHttp = ThreadLocal.withInitial(Http::new);
		CountDownLatch signedIn = new CountDownLatch(clients.length);
		for (Client c : clients) {
			signIns.execute(() -> {
				try {
					c.signIn(signInHttp.get(), password);
				} catch (Exception e) {
					signInHttp.get().close();
					errors.add("sign-in " + c.login + ": " + e);
				} finally {
					signedIn.countDown();
				}
			});
		}
		signedIn.await();
		signIns.shutdown();
		long failedSignIns = Arrays.stream(clients).filter(c -> c.session == null).count();
		out("chat.sign_in_s=%.1f clients=%d failed=%d", secondsSince(t0), clients.length, failedSignIns);
		checkpoint("signed-in");

		// --- connect every client and wait for its first rooms frame (it is live from then on) ---
		int loopCount = Math.max(1, Math.min(4, clients.length / 2500));
		loops = new Loop[loopCount];
		for (int i = 0; i < loopCount; i++) {
			loops[i] = new Loop();
			daemon("ws-loop").newThread(loops[i]).start();
		}
		t0 = System.nanoTime();
		Semaphore handshakes = new Semaphore(100);
		for (Client c : clients) {
			if (c.session == null) {
				continue;
			}
			handshakes.acquire();
			c.connect(null).whenComplete((w, e) -> handshakes.release());
		}
		for (Client c : clients) {
			if (c.session != null && !c.live.await(60, TimeUnit.SECONDS)) {
				errors.add("no rooms frame for " + c.login);
			}
		}
		long live = Arrays.stream(clients).filter(c -> c.live.getCount() == 0).count();
		out("chat.connect_s=%.1f live_clients=%d websocket_loops=%d", secondsSince(t0), live, loopCount);
		checkpoint("connected");

		// --- the load: RATE messages a second for SECONDS, round-robin over the class rooms ---
		latencyMicros = new int[(int) Math.min(Integer.MAX_VALUE - 8, (long) rate * seconds * 40L + 1000)];
		latencySecond = new short[latencyMicros.length];
		ExecutorService senders = Executors.newFixedThreadPool(senderThreads, daemon("sender"));
		java.util.concurrent.ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(daemon("churn"));
		ThreadLocal<Http> senderHttp = ThreadLocal.withInitial(Http::new);
		ConcurrentLinkedQueue<Long> postMicros = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> lagMicros = new ConcurrentLinkedQueue<>();
		AtomicLong slowedDown = new AtomicLong();
		AtomicLong postErrors = new AtomicLong();
		int warmupPosts = rate * warmup;
		int total = rate * (warmup + seconds);
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long warmupStart = System.nanoTime();
		long loadStart = warmupStart;
		long[] cpuStart = null;
		long[] selfStart = null;
		CountDownLatch sent = new CountDownLatch(total);
		CountDownLatch warmedUp = new CountDownLatch(warmupPosts);
		for (int i = 0; i < total; i++) {
			if (i == warmupPosts) {
				// the measured phase starts from no backlog: every warm-up post answered and delivered
				warmedUp.await();
				awaitDeliveries(expectedDeliveries(), 5);
				loadStart = System.nanoTime();
				measureFrom = loadStart;
				out("chat.warmup.drained_s=%.1f (after %d s of warm-up posting) measured_from=%s", secondsSince(warmupStart) - warmup, warmup,
						java.time.Instant.now());
				cpuStart = cpu(serverPid);
				selfStart = cpu(ProcessHandle.current().pid());
			}
			boolean measured = i >= warmupPosts;
			long due = measured ? loadStart + (i - warmupPosts) * interval : warmupStart + i * interval;
			if (churn > 0 && i % rate == 0) {
				// every second, CHURN clients lose their connection and come back a second later; in the warm-up too, so
				// that the reconnects' path (handshake, sign-in check, catch-up) is compiled before the measured phase
				later.execute(() -> {
					for (int k = 0; k < churn; k++) {
						Client c = clients[ThreadLocalRandom.current().nextInt(clients.length)];
						if (c.session != null && c.current != null) {
							dropped.incrementAndGet();
							c.drop(later);
						}
					}
				});
			}
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int room = i % classRooms;
			int n = i / classRooms;
			senders.execute(() -> {
				try {
					List<Client> members = membersOf.get(room).stream().filter(c -> c.session != null && (!viaSocket || c.current != null)).toList();
					Client author = members.get(ThreadLocalRandom.current().nextInt(members.size()));
					long started = System.nanoTime();
					if (measured) {
						lagMicros.add((started - due) / 1000);
					}
					String body = "chatbench r=" + room + " n=" + n + " t=" + (due - START) + " Guten Morgen, heute Mathe in Raum 204";
					int status = viaSocket ? author.postLive(roomIds[room], body, room + "-" + n) : author.post(senderHttp.get(), roomIds[room], body);
					if (measured) {
						postMicros.add((System.nanoTime() - started) / 1000);
					}
					if (status == 201) {
						synchronized (postedLock) {
							posted[room].set(n);
						}
					} else if (status == 429) {
						slowedDown.incrementAndGet();
					} else if (status == -2) {
						// its connection went away (the bench's churn) before the answer: stored or not, either is right
						unanswered.incrementAndGet();
						synchronized (postedLock) {
							unsure[room].set(n);
						}
					} else {
						postErrors.incrementAndGet();
						errors.add("post answered " + status);
					}
				} catch (Exception e) {
					senderHttp.get().close();
					postErrors.incrementAndGet();
					errors.add("post: " + e);
				} finally {
					sent.countDown();
					if (!measured) {
						warmedUp.countDown();
					}
				}
			});
		}
		sent.await();
		double postingSeconds = secondsSince(loadStart);
		long postedTotal;
		synchronized (postedLock) {
			postedTotal = Arrays.stream(posted).mapToLong(BitSet::cardinality).sum();
		}
		long expected = expectedDeliveries();
		awaitDeliveries(expected, 15);
		double loadSeconds = secondsSince(loadStart);
		long[] cpuEnd = cpu(serverPid);
		long[] selfEnd = cpu(ProcessHandle.current().pid());
		Thread.sleep(2000); // late duplicates, if any, would come now

		long lost = 0;
		long unexpected = 0;
		for (Client c : clients) {
			if (c.session == null) {
				continue;
			}
			synchronized (c) {
				BitSet missing = (BitSet) posted[c.classRoom].clone();
				missing.andNot(c.received);
				lost += missing.cardinality();
				BitSet extra = (BitSet) c.received.clone();
				extra.andNot(posted[c.classRoom]);
				extra.andNot(unsure[c.classRoom]);
				unexpected += extra.cardinality();
			}
		}
		int[] lat = Arrays.copyOf(latencyMicros, Math.min(latencyCount.get(), latencyMicros.length));
		Arrays.sort(lat);
		out("chat.load.rate_per_s=%d seconds=%d warmup_s=%d posting_took_s=%.1f posted=%d slowed_down_429=%d post_errors=%d senders=%d via=%s unanswered_after_drop=%d",
				rate, seconds, warmup, postingSeconds, postedTotal, slowedDown.get(), postErrors.get(), senderThreads,
				viaSocket ? "websocket" : "http", unanswered.get());
		out("chat.load.deliveries_expected=%d delivered=%d", expected, delivered.get());
		out("chat.latency_ms.p50=%.1f p99=%.1f p999=%.1f max=%.1f (target: p99 <= 150)", p(lat, 50), p(lat, 99), p(lat, 99.9), p(lat, 100));
		// by the 10 s slice in which the message was due: shows whether a queue builds up
		int recorded = Math.min(latencyCount.get(), latencyMicros.length);
		for (int slice = 0; slice * 10 < seconds; slice++) {
			int[] in = new int[recorded];
			int k = 0;
			for (int i = 0; i < recorded; i++) {
				if (latencySecond[i] / 10 == slice) {
					in[k++] = latencyMicros[i];
				}
			}
			in = Arrays.copyOf(in, k);
			Arrays.sort(in);
			out("chat.latency_ms.due_%03d-%03ds.p50=%.1f p99=%.1f max=%.1f", slice * 10, slice * 10 + 10, p(in, 50), p(in, 99), p(in, 100));
		}
		// p99 by the second in which the message was due: a spike's start and length, to set beside vmstat, GC or checkpoint logs
		StringBuilder bySecond = new StringBuilder();
		for (int second = 0; second < seconds; second++) {
			int[] in = new int[recorded];
			int k = 0;
			for (int i = 0; i < recorded; i++) {
				if (latencySecond[i] == second) {
					in[k++] = latencyMicros[i];
				}
			}
			in = Arrays.copyOf(in, k);
			Arrays.sort(in);
			bySecond.append(second == 0 ? "" : ",").append(Math.round(p(in, 99)));
		}
		out("chat.latency_ms.p99_by_second=%s", bySecond);
		out("chat.lost=%d (target: 0) duplicates=%d (target: 0) out_of_order=%d unexpected=%d", lost, duplicates.get(), outOfOrder.get(),
				unexpected);
		out("chat.reconnects=%d (dropped by the bench: %d, closed by the server: %d) duplicates_after_resume=%d (target: 0) out_of_order_after_resume=%d",
				reconnects.get(), dropped.get(), closedByServer.get(), resumedDuplicates.get(), resumedOutOfOrder.get());
		long[] posts = postMicros.stream().mapToLong(Long::longValue).sorted().toArray();
		long[] lags = lagMicros.stream().mapToLong(Long::longValue).sorted().toArray();
		out("chat.post_ms.p50=%.1f p99=%.1f max=%.1f sender_lag_ms.p99=%.1f max=%.1f", pl(posts, 50), pl(posts, 99), pl(posts, 100),
				pl(lags, 99), pl(lags, 100));
		double serverCpu = (cpuEnd[0] - cpuStart[0]) / 100.0;
		double selfCpu = (selfEnd[0] - selfStart[0]) / 100.0;
		out("chat.server_cpu_s=%.1f over_s=%.1f cores=%.2f (of 2)", serverCpu, loadSeconds, serverCpu / loadSeconds);
		out("chat.loadgen_cpu_s=%.1f cores=%.2f", selfCpu, selfCpu / loadSeconds);
		checkpoint("loaded");

		// --- one broadcast to the big room ---
		List<Client> big = membersOf.get(classRooms).stream().filter(c -> c.live.getCount() == 0).toList();
		Client announcer = big.get(0);
		Http http = new Http();
		broadcastSentNanos = System.nanoTime();
		int status = announcer.post(http, roomIds[classRooms], "chatbench-broadcast t=" + (broadcastSentNanos - START)
				+ " Morgen fällt die erste Stunde aus, bitte weitersagen.");
		long postedAt = System.nanoTime();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (broadcastReceived.size() < big.size() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		long[] got = broadcastReceived.stream().mapToLong(t -> (t - broadcastSentNanos) / 1000).sorted().toArray();
		out("chat.broadcast.members_live=%d received=%d post_status=%d post_ms=%.1f", big.size(), got.length, status,
				(postedAt - broadcastSentNanos) / 1e6);
		out("chat.broadcast_ms.all=%.1f p50=%.1f (target: all within 1000)", got.length < big.size() ? -1.0 : pl(got, 100), pl(got, 50));

		errors.stream().limit(8).forEach(e -> out("chat.error_sample=%s", e));
		out("chat.errors=%d", errors.size());
		checkpoint("done");
		closing = true;
		System.exit(0);
	}

	/** One person: a session, a CSRF token, a WebSocket, what arrived. */
	static final class Client {

		final int index;
		final String login;
		final int classRoom;
		final boolean inBigRoom;
		final String csrf = UUID.randomUUID().toString();
		final String maskedCsrf = mask(csrf);
		final CountDownLatch live = new CountDownLatch(1);
		/** The n of each message of the class room that arrived (guarded by this). */
		final BitSet received = new BitSet();
		/** Per room the seqs that arrived on any of this client's connections (only touched by its listener callbacks). */
		final Map<String, BitSet> seen = new ConcurrentHashMap<>();
		volatile LiveSocket current;
		final Map<String, CompletableFuture<Integer>> answers = new java.util.concurrent.ConcurrentHashMap<>();
		volatile boolean resumedOnce;
		/** The last time this client was away (dropped by the bench): its messages of then are caught up, not live. */
		volatile long awayFrom = Long.MAX_VALUE;
		volatile long awayUntil = Long.MIN_VALUE;
		volatile String session;

		Client(int index, String login, int classRoom, boolean inBigRoom) {
			this.index = index;
			this.login = login;
			this.classRoom = classRoom;
			this.inBigRoom = inBigRoom;
		}

		void signIn(Http http, String password) throws IOException {
			String form = "login=" + enc(login) + "&password=" + enc(password) + "&_csrf=" + enc(maskedCsrf);
			Response r = http.exchange("POST", "/anmelden", CSRF_COOKIE + "=" + csrf, null, "application/x-www-form-urlencoded", form);
			String s = r.cookie(SESSION_COOKIE);
			if (r.status() != 302 || s == null || r.location().contains("fehler")) {
				throw new IOException("sign-in answered " + r.status() + " " + r.location());
			}
			session = s;
		}

		/** Posts over this client's WebSocket and waits for the server's answer: 201 posted, its status refused, -2 no answer. */
		int postLive(String roomId, String text, String ref) throws Exception {
			LiveSocket w = current;
			if (w == null) {
				return -2;
			}
			CompletableFuture<Integer> answer = new CompletableFuture<>();
			answers.put(ref, answer);
			String frame = "{\"type\":\"post\",\"ref\":\"" + ref + "\",\"room\":\"" + roomId + "\",\"body\":\"" + text + "\"}";
			try {
				w.sendText(frame);
				return answer.get(30, TimeUnit.SECONDS);
			} catch (IOException | java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
				return -2;
			} finally {
				answers.remove(ref);
			}
		}

		/** The connection went away: posts waiting on it get no answer. */
		void unanswered() {
			answers.values().forEach(a -> a.complete(-2));
		}

		int post(Http http, String roomId, String text) throws IOException {
			String json = "{\"body\":\"" + text + "\"}";
			return http.exchange("POST", "/api/v1/chat/rooms/" + roomId + "/messages", SESSION_COOKIE + "=" + session + "; " + CSRF_COOKIE + "=" + csrf,
					CSRF_HEADER + ": " + maskedCsrf, "application/json", json).status();
		}

		/** Opens a new connection (resuming, unless {@code resume} is null); completes when it is open or has failed. */
		CompletableFuture<LiveSocket> connect(String resume) {
			LiveSocket socket = new LiveSocket(this, resume);
			socket.opened.whenComplete((w, e) -> {
				if (e != null) {
					errors.add("connect " + login + ": " + e);
				}
			});
			loops[index % loops.length].add(socket);
			return socket.opened;
		}

		void opened(LiveSocket socket) {
			current = socket;
			if (awayFrom != Long.MAX_VALUE && awayUntil < awayFrom) {
				awayUntil = System.nanoTime();
			}
		}

		void text(LiveSocket socket, String frame, long now) {
			if (socket == current) {
				handle(frame, now);
			} // else a connection this client has dropped
		}

		void gone(LiveSocket socket, String why) {
			if (socket == current) {
				lost(why);
			}
		}

		private void handle(String frame, long now) {
			String type = field(frame, "\"type\":\"", '"');
			if ("message".equals(type)) {
				String room = field(frame, "\"roomId\":\"", '"');
				long seq = Long.parseLong(field(frame, "\"seq\":", ','));
				BitSet seqs = seen.computeIfAbsent(room, k -> new BitSet());
				if (seqs.get((int) seq)) {
					// the server sent this room's seq twice to this person
					(resumedOnce ? resumedDuplicates : duplicates).incrementAndGet();
					return;
				}
				if (seq != seqs.nextClearBit(1)) {
					(resumedOnce ? resumedOutOfOrder : outOfOrder).incrementAndGet();
				}
				seqs.set((int) seq);
				String body = field(frame, "\"body\":\"", '"');
				if (body.startsWith("chatbench-broadcast")) {
					broadcastReceived.add(now);
				} else if (body.startsWith("chatbench ")) {
					int n = Integer.parseInt(field(body, " n=", ' '));
					long due = Long.parseLong(field(body, " t=", ' ')) + START;
					synchronized (this) {
						if (received.get(n)) {
							duplicates.incrementAndGet();
							return;
						}
						received.set(n);
					}
					delivered.incrementAndGet();
					if (due >= measureFrom && (due < awayFrom || due > awayUntil && awayUntil >= awayFrom)) {
						int i = latencyCount.getAndIncrement();
						if (i < latencyMicros.length) {
							latencySecond[i] = (short) Math.min(Short.MAX_VALUE, (due - measureFrom) / TimeUnit.SECONDS.toNanos(1));
							latencyMicros[i] = (int) Math.min(Integer.MAX_VALUE, (now - due) / 1000);
						}
					}
				}
			} else if ("posted".equals(type) || "refused".equals(type)) {
				CompletableFuture<Integer> answer = answers.get(field(frame, "\"ref\":\"", '"'));
				if (answer != null) {
					answer.complete("posted".equals(type) ? 201 : Integer.parseInt(field(frame, "\"status\":", ',')));
				}
			} else if ("rooms".equals(type) || "resumed".equals(type)) {
				if ("rooms".equals(type) && live.getCount() > 0) {
					// the first one: where each room stands as this client goes live
					int at = frame.indexOf("\"rooms\":{") + 9;
					for (String entry : frame.substring(at, frame.indexOf('}', at)).split(",")) {
						if (!entry.isBlank()) {
							String[] kv = entry.split(":");
							// everything up to the room's seq at connect counts as seen: this client starts there
							seen.computeIfAbsent(kv[0].replace("\"", "").trim(), k -> new BitSet()).set(1, (int) Long.parseLong(kv[1].trim()) + 1);
						}
					}
				}
				live.countDown();
			}
		}

		/** Closed by the server: back at once, resuming. */
		private void lost(String why) {
			if (closing) {
				return;
			}
			closedByServer.incrementAndGet();
			errors.add("closed " + login + ": " + why);
			unanswered();
			reconnect();
		}

		/** A network hiccup on the client's side: the connection is gone without a close; back after a second. */
		void drop(java.util.concurrent.ScheduledExecutorService later) {
			LiveSocket w = current;
			if (w == null || closing) {
				return;
			}
			current = null;
			// what was due a second before may have been on its way on the aborted connection
			awayFrom = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
			w.abort();
			unanswered();
			later.schedule(this::reconnect, 1, TimeUnit.SECONDS);
		}

		/** Resumes from the last seq before the first missing one in each room, as a real client does. */
		private void reconnect() {
			StringBuilder resume = new StringBuilder("{\"type\":\"resume\",\"rooms\":{");
			seen.forEach((room, seqs) -> resume.append(resume.charAt(resume.length() - 1) == '{' ? "" : ",").append('"').append(room)
				.append("\":").append(seqs.nextClearBit(1) - 1));
			resume.append("}}");
			reconnects.incrementAndGet();
			resumedOnce = true;
			connect(resume.toString());
		}
	}

	/**
	 * A selector thread that reads many clients' WebSockets. The JDK's WebSocket client took 0.4 of a core at 15,000
	 * frames a second, on the two cores it shares with the server it measures; this reads each socket's frames in one
	 * go and hands them to the client on the same thread.
	 */
	static final class Loop implements Runnable {

		private final Selector selector;
		private final ConcurrentLinkedQueue<LiveSocket> added = new ConcurrentLinkedQueue<>();

		Loop() throws IOException {
			selector = Selector.open();
		}

		void add(LiveSocket socket) {
			added.add(socket);
			selector.wakeup();
		}

		@Override
		public void run() {
			while (true) {
				try {
					selector.select();
				} catch (IOException e) {
					errors.add("select: " + e);
					return;
				}
				for (LiveSocket s; (s = added.poll()) != null;) {
					s.start(selector);
				}
				long now = System.nanoTime();
				for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext();) {
					SelectionKey key = keys.next();
					keys.remove();
					LiveSocket s = (LiveSocket) key.attachment();
					if (key.isValid()) {
						s.ready(key, now);
					}
				}
			}
		}
	}

	/**
	 * One WebSocket connection of a client (RFC 6455 by hand: the handshake with its accept check, text frames whole or
	 * fragmented, ping, close; what the client sends is masked). Only its loop's thread reads; anyone may send.
	 */
	static final class LiveSocket {

		private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

		final CompletableFuture<LiveSocket> opened = new CompletableFuture<>();
		private final Client client;
		private final String resume;
		private final String key;
		private SocketChannel channel;
		private ByteBuffer in = ByteBuffer.allocate(4096);
		private ByteArrayOutputStream fragments;
		private boolean open;
		private volatile boolean done;

		LiveSocket(Client client, String resume) {
			this.client = client;
			this.resume = resume;
			byte[] nonce = new byte[16];
			ThreadLocalRandom.current().nextBytes(nonce);
			this.key = Base64.getEncoder().encodeToString(nonce);
		}

		void start(Selector selector) {
			try {
				channel = SocketChannel.open();
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				channel.register(selector, channel.connect(new InetSocketAddress(base.getHost(), base.getPort())) ? SelectionKey.OP_READ
						: SelectionKey.OP_CONNECT, this);
				if (channel.isConnected()) {
					handshake();
				}
			} catch (IOException e) {
				failed(e.toString());
			}
		}

		void ready(SelectionKey selected, long now) {
			try {
				if (selected.isConnectable()) {
					channel.finishConnect();
					selected.interestOps(SelectionKey.OP_READ);
					handshake();
				} else if (selected.isReadable()) {
					read(now);
				}
			} catch (IOException | RuntimeException e) {
				failed(e.toString());
			}
		}

		private void handshake() throws IOException {
			String request = "GET /ws HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nCookie: " + SESSION_COOKIE + "=" + client.session + "\r\n\r\n";
			write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
		}

		private void read(long now) throws IOException {
			int n = channel.read(in);
			if (n < 0) {
				failed("closed without a close frame");
				return;
			}
			in.flip();
			if (!open && !upgraded()) {
				in.compact();
				return;
			}
			int needed = frames(now);
			in.compact();
			if (needed > in.capacity()) {
				ByteBuffer bigger = ByteBuffer.allocate(Integer.highestOneBit(needed) * 2);
				in.flip();
				bigger.put(in);
				in = bigger;
			}
		}

		/** The server's answer to the handshake, once it is all in: 101 with the right accept, or the connection fails. */
		private boolean upgraded() throws IOException {
			String head = new String(in.array(), 0, in.limit(), StandardCharsets.ISO_8859_1);
			int end = head.indexOf("\r\n\r\n");
			if (end < 0) {
				if (in.limit() == in.capacity()) {
					throw new IOException("handshake answer too long");
				}
				return false;
			}
			String[] lines = head.substring(0, end).split("\r\n");
			if (!lines[0].startsWith("HTTP/1.1 101")) {
				throw new IOException("handshake answered " + lines[0]);
			}
			String accept = null;
			for (String line : lines) {
				if (line.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, 21)) {
					accept = line.substring(21).trim();
				}
			}
			try {
				String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
					.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1)));
				if (!expected.equals(accept)) {
					throw new IOException("wrong Sec-WebSocket-Accept " + accept);
				}
			} catch (java.security.NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
			in.position(end + 4);
			open = true;
			client.opened(this);
			opened.complete(this);
			if (resume != null) {
				sendText(resume);
			}
			return true;
		}

		/** Hands every whole frame in the buffer on; answers the size the next, partial one needs (0: none). */
		private int frames(long now) throws IOException {
			while (in.remaining() >= 2) {
				int at = in.position();
				int b0 = in.get(at) & 0xff;
				int b1 = in.get(at + 1) & 0xff;
				if ((b1 & 0x80) != 0) {
					throw new IOException("a masked frame from the server");
				}
				long length = b1 & 0x7f;
				int header = 2;
				if (length == 126) {
					if (in.remaining() < 4) {
						return 4;
					}
					length = in.getShort(at + 2) & 0xffff;
					header = 4;
				} else if (length == 127) {
					if (in.remaining() < 10) {
						return 10;
					}
					length = in.getLong(at + 2);
					header = 10;
				}
				if (length > 16 * 1024 * 1024) {
					throw new IOException("a frame of " + length + " bytes");
				}
				if (in.remaining() < header + length) {
					return header + (int) length;
				}
				int start = in.arrayOffset() + at + header;
				int size = (int) length;
				in.position(at + header + size);
				boolean fin = (b0 & 0x80) != 0;
				switch (b0 & 0x0f) {
					case 1 -> {
						if (fin) {
							client.text(this, new String(in.array(), start, size, StandardCharsets.UTF_8), now);
						} else {
							fragments = new ByteArrayOutputStream();
							fragments.write(in.array(), start, size);
						}
					}
					case 0 -> {
						if (fragments == null) {
							throw new IOException("a continuation without a start");
						}
						fragments.write(in.array(), start, size);
						if (fin) {
							String text = fragments.toString(StandardCharsets.UTF_8);
							fragments = null;
							client.text(this, text, now);
						}
					}
					case 8 -> {
						int code = size >= 2 ? ((in.array()[start] & 0xff) << 8 | (in.array()[start + 1] & 0xff)) : 1005;
						String reason = size > 2 ? new String(in.array(), start + 2, size - 2, StandardCharsets.UTF_8) : "";
						send(8, Arrays.copyOfRange(in.array(), start, start + Math.min(size, 2)));
						failed(code + " " + reason);
						return 0;
					}
					case 9 -> send(10, Arrays.copyOfRange(in.array(), start, start + size));
					case 10 -> {
						// an answer to a ping of ours: none are sent
					}
					default -> throw new IOException("a frame of opcode " + (b0 & 0x0f));
				}
			}
			return 0;
		}

		void sendText(String text) throws IOException {
			send(1, text.getBytes(StandardCharsets.UTF_8));
		}

		private void send(int opcode, byte[] payload) throws IOException {
			int length = payload.length;
			ByteBuffer frame = ByteBuffer.allocate(14 + length);
			frame.put((byte) (0x80 | opcode));
			if (length < 126) {
				frame.put((byte) (0x80 | length));
			} else if (length < 65536) {
				frame.put((byte) (0x80 | 126)).putShort((short) length);
			} else {
				frame.put((byte) (0x80 | 127)).putLong(length);
			}
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			frame.put(mask);
			for (int i = 0; i < length; i++) {
				frame.put((byte) (payload[i] ^ mask[i & 3]));
			}
			frame.flip();
			write(frame);
		}

		/** Small writes from any thread; a full socket buffer (a server that does not read) is waited out for 30 s at most. */
		private synchronized void write(ByteBuffer bytes) throws IOException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (bytes.hasRemaining()) {
				if (done) {
					throw new IOException("closed");
				}
				if (channel.write(bytes) == 0) {
					if (System.nanoTime() > deadline) {
						throw new IOException("the server did not read for 30 s");
					}
					LockSupport.parkNanos(200_000);
				}
			}
		}

		/** The client's side gone at once, without a close frame (a network hiccup). */
		void abort() {
			done = true;
			closeChannel();
		}

		private void failed(String why) {
			if (done) {
				return;
			}
			done = true;
			closeChannel();
			if (open) {
				client.gone(this, why);
			} else {
				opened.completeExceptionally(new IOException(why));
			}
		}

		private void closeChannel() {
			try {
				if (channel != null) {
					channel.close();
				}
			} catch (IOException ignored) {
				// closing anyway
			}
		}
	}

	/** Deliveries due for what was posted so far: each live client gets every message of its class room. */
	static long expectedDeliveries() {
		long expected = 0;
		synchronized (postedLock) {
			for (Client c : clients) {
				if (c.session != null) {
					expected += posted[c.classRoom].cardinality();
				}
			}
		}
		return expected;
	}

	/** Until {@code expected} deliveries are in, or nothing arrived for {@code quietSeconds}. */
	static void awaitDeliveries(long expected, int quietSeconds) throws InterruptedException {
		long last = -1;
		long lastChange = System.nanoTime();
		while (delivered.get() < expected && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(quietSeconds)) {
			Thread.sleep(100);
			if (delivered.get() != last) {
				last = delivered.get();
				lastChange = System.nanoTime();
			}
		}
	}

	static String field(String s, String key, char end) {
		int i = s.indexOf(key);
		if (i < 0) {
			return "";
		}
		i += key.length();
		int j = s.indexOf(end, i);
		if (j < 0) {
			j = s.indexOf('}', i);
		}
		return s.substring(i, j < 0 ? s.length() : j);
	}

	/** The token as Spring Security's XorCsrfTokenRequestAttributeHandler expects it back: random bytes, then the token xor them. */
	static String mask(String token) {
		byte[] t = token.getBytes(StandardCharsets.UTF_8);
		byte[] random = new byte[t.length];
		new SecureRandom().nextBytes(random);
		byte[] combined = new byte[t.length * 2];
		System.arraycopy(random, 0, combined, 0, t.length);
		for (int i = 0; i < t.length; i++) {
			combined[t.length + i] = (byte) (t[i] ^ random[i]);
		}
		return Base64.getUrlEncoder().encodeToString(combined);
	}

	/** utime + stime of a process, in clock ticks (100 a second on Linux). */
	static long[] cpu(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return new long[] { Long.parseLong(f[11]) + Long.parseLong(f[12]) };
	}

	static void checkpoint(String name) throws Exception {
		Files.writeString(dir.resolve(name), "");
		while (!Files.exists(dir.resolve(name + ".go"))) {
			Thread.sleep(50);
		}
	}

	static double p(int[] sorted, double pct) {
		if (sorted.length == 0) {
			return -1;
		}
		int i = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
	}

	static double pl(long[] sorted, double pct) {
		if (sorted.length == 0) {
			return -1;
		}
		int i = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
	}

	static double secondsSince(long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	static void out(String format, Object... args) {
		System.out.println(String.format(java.util.Locale.ROOT, format, args));
		System.out.flush();
	}

	static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger n = new AtomicInteger();
		return r -> {
			Thread t = new Thread(r, name + "-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	record Response(int status, List<String> setCookies, String location, String body) {

		String cookie(String name) {
			String found = null;
			for (String h : setCookies) {
				if (h.startsWith(name + "=")) {
					int end = h.indexOf(';');
					found = h.substring(name.length() + 1, end < 0 ? h.length() : end);
				}
			}
			return found == null || found.isEmpty() ? null : found;
		}
	}

	/** One kept-alive HTTP/1.1 connection (as in SignInStorm.java): reconnects when the server closed it. */
	static final class Http {

		private Socket socket;
		private InputStream in;
		private OutputStream out;

		Response exchange(String method, String path, String cookie, String header, String contentType, String body) throws IOException {
			boolean reused = socket != null;
			try {
				return send(method, path, cookie, header, contentType, body);
			} catch (IOException e) {
				close();
				if (!reused) {
					throw e;
				}
				return send(method, path, cookie, header, contentType, body);
			}
		}

		private Response send(String method, String path, String cookie, String header, String contentType, String body) throws IOException {
			if (socket == null) {
				socket = new Socket();
				socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
				socket.setSoTimeout(60_000);
				socket.setTcpNoDelay(true);
				in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
				out = socket.getOutputStream();
			}
			byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			StringBuilder request = new StringBuilder(512).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
				.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
			if (cookie != null) {
				request.append("Cookie: ").append(cookie).append("\r\n");
			}
			if (header != null) {
				request.append(header).append("\r\n");
			}
			if (body != null) {
				request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length).append("\r\n");
			}
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return read();
		}

		private Response read() throws IOException {
			String statusLine = line();
			int status = Integer.parseInt(statusLine.substring(9, 12));
			List<String> cookies = new ArrayList<>();
			String location = "";
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String h = line(); !h.isEmpty(); h = line()) {
				int colon = h.indexOf(':');
				String name = h.substring(0, colon).trim().toLowerCase();
				String value = h.substring(colon + 1).trim();
				switch (name) {
					case "set-cookie" -> cookies.add(value);
					case "location" -> location = value;
					case "content-length" -> length = Long.parseLong(value);
					case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
					case "connection" -> close = value.equalsIgnoreCase("close");
					default -> {
					}
				}
			}
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			if (chunked) {
				for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
					content.write(in.readNBytes(size));
					line();
				}
				while (!line().isEmpty()) {
					// trailers
				}
			} else if (length > 0) {
				content.write(in.readNBytes((int) length));
			}
			if (close) {
				close();
			}
			return new Response(status, cookies, location, content.toString(StandardCharsets.UTF_8));
		}

		private String line() throws IOException {
			StringBuilder sb = new StringBuilder(64);
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c < 0) {
					throw new IOException("connection closed");
				}
				if (c != '\r') {
					sb.append((char) c);
				}
			}
			return sb.toString();
		}

		void close() {
			try {
				if (socket != null) {
					socket.close();
				}
			} catch (IOException ignored) {
				// closing anyway
			}
			socket = null;
		}
	}
}
