# cnnviz for a class on a bigger machine: `docker compose up --build` (see compose.yaml and README).
# Inside, scripts/serve_class.sh runs one Streamlit worker per core behind HAProxy on port 8501.
FROM python:3.11-slim

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY app.py ./
COPY .streamlit .streamlit
COPY cnnviz cnnviz
COPY ui ui
COPY pages pages
COPY assets assets
COPY scripts scripts

# Listen on every interface inside the container; CNNVIZ_WORKERS empty = one worker per core.
ENV CNNVIZ_BIND=0.0.0.0 CNNVIZ_WORKERS=
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"
# exec: bash is PID 1 and receives `docker stop`'s SIGTERM, which stops HAProxy and every worker.
CMD ["sh", "-c", "exec bash scripts/serve_class.sh 8501 $CNNVIZ_WORKERS"]
