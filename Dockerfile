# CandleLake in a container: `docker build -t candlelake . && docker run -p 8200:8200 candlelake`.
FROM swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
        libcurl4-openssl-dev libssl-dev libsqlite3-dev zlib1g-dev libzstd-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product candlelake --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/candlelake" /candlelake

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
        libcurl4 libssl3 libsqlite3-0 zlib1g libzstd1 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /candlelake /usr/local/bin/candlelake
COPY Config /etc/candlelake
ENV SERVER_HOST=0.0.0.0 SERVER_PORT=8200 DATA_DIR=/data
VOLUME /data
EXPOSE 8200
ENTRYPOINT ["candlelake"]
CMD ["serve"]
