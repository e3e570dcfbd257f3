-- Failed sign-ins per network address (an IPv4 address or an IPv6 /64), shared by all nodes:
-- one address guessing many people's passwords is limited cluster-wide, not once per node.
-- Not school data: the address is met before anybody is known. Rows older than the window are
-- deleted every few minutes.
create table sign_in_address_failure (
  address varchar(64) primary key,
  failures integer not null,
  since timestamp not null
);
