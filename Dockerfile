# The extraction modules are compiled with mypyc (tools/build_native.py) in a stage that has
# a C compiler; the service's image takes the compiled modules and no compiler.
FROM python:3.11 AS native
WORKDIR /app
COPY pyproject.toml README.md ./
COPY claimwatch claimwatch
COPY verifier verifier
COPY crawler crawler
COPY worker worker
COPY store store
COPY review review
COPY tools tools
RUN pip install --no-cache-dir -e . "mypy>=1.10" && python tools/build_native.py

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY claimwatch claimwatch
COPY --from=native /app/verifier verifier
COPY crawler crawler
COPY worker worker
COPY store store
COPY review review
COPY reference_data reference_data
COPY sources.yaml ./
RUN pip install --no-cache-dir -e .
RUN useradd --create-home claimwatch && mkdir /data && chown claimwatch /data
USER claimwatch
EXPOSE 8000
CMD ["claimwatch", "serve", "--host", "0.0.0.0"]
