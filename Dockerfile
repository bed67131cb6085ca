# syntax=docker/dockerfile:1.4
# cityclear: the clearing server. Build stage: the Debian 12 packages of tools/setup.sh; run
# stage: only the shared libraries the program links, curl for the health check.
FROM debian:12 AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake make pkg-config libboost1.74-dev libboost-system1.74-dev libpqxx-dev libpq-dev \
      libspdlog-dev libfmt-dev nlohmann-json3-dev catch2 libssl-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY schema schema
COPY server server
COPY tools tools
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCITYCLEAR_TESTS=OFF \
 && cmake --build build -j"$(nproc)" --target cityclear \
 && strip build/server/app/cityclear

FROM debian:12
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libpqxx-6.4 libpq5 libspdlog1.10 libfmt9 libssl3 zlib1g libboost-system1.74.0 curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /var/lib/cityclear --shell /usr/sbin/nologin cityclear \
 && mkdir -p /var/lib/cityclear/out /var/lib/cityclear/spool /run/cityclear /etc/cityclear \
 && chown -R cityclear:cityclear /var/lib/cityclear /run/cityclear \
 && chmod 0700 /var/lib/cityclear/spool /run/cityclear
COPY --from=build /src/build/server/app/cityclear /usr/local/bin/cityclear
# The keys file arrives as the secret /run/secrets/cityclear_keys, owned by whoever owns it on the
# host. cityclear refuses a keys file readable by group or others, so the entrypoint (root) makes a
# private copy (0600, owned by the service user) and runs the program as that user.
COPY --chmod=0755 <<'SCRIPT' /usr/local/bin/cityclear-entrypoint
#!/bin/sh
set -eu
if [ -f /run/secrets/cityclear_keys ]; then
  install -o cityclear -g cityclear -m 0600 /run/secrets/cityclear_keys /run/cityclear/keys.json
fi
chown cityclear:cityclear /var/lib/cityclear/out /var/lib/cityclear/spool
chmod 0700 /var/lib/cityclear/spool
exec setpriv --reuid=cityclear --regid=cityclear --init-groups "$@"
SCRIPT
WORKDIR /var/lib/cityclear
EXPOSE 8080 9000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["/usr/local/bin/cityclear-entrypoint"]
CMD ["cityclear", "--config", "/etc/cityclear/cityclear.json", "serve"]
