//! A small SMTP server for the email tests: it listens on 127.0.0.1:0, speaks enough SMTP for
//! a real client (greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT) and keeps
//! every message it accepts (envelope and raw data) for the test to read. It can answer
//! `451` (try again later) to the first N messages, to test retries.
//!
//! It is written here rather than taken from PyPI or npm so the email tests need nothing but
//! the one Rust test binary, and so a test can look at exactly what went over the wire.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// One message as the sink received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Headers and body as sent, with the dot-stuffing removed and CRLF line ends.
    pub data: String,
}

#[derive(Debug, Default)]
struct State {
    received: Vec<Received>,
    /// How many of the next messages to refuse with 451.
    refuse_next: usize,
    refused: usize,
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        SmtpSink::refusing_first(0).await
    }

    /// A sink that answers `451` at the end of DATA to the first `n` messages.
    pub async fn refusing_first(n: usize) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind sink");
        let addr = listener.local_addr().expect("sink addr");
        let state = Arc::new(Mutex::new(State {
            refuse_next: n,
            ..State::default()
        }));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = shared.clone();
                tokio::spawn(async move {
                    let _ = session(stream, state).await;
                });
            }
        });
        SmtpSink { addr, state }
    }

    /// `smtp://127.0.0.1:PORT`: plain SMTP, as for a local relay.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().expect("sink state").received.clone()
    }

    /// How many messages were answered with 451.
    pub fn refused(&self) -> usize {
        self.state.lock().expect("sink state").refused
    }

    /// Refuse the next `n` messages (from now on).
    pub fn refuse_next(&self, n: usize) {
        self.state.lock().expect("sink state").refuse_next = n;
    }

    /// Waits until at least `n` messages arrived (at most `timeout`), and returns them all.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let got = self.received();
            if got.len() >= n || tokio::time::Instant::now() >= deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn session(stream: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write
        .write_all(b"220 sink.test ESMTP test sink\r\n")
        .await?;
    let mut mail_from = String::new();
    let mut rcpt_to: Vec<String> = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read.read_until(b'\n', &mut line).await? == 0 {
            return Ok(()); // the client went away
        }
        let text = String::from_utf8_lossy(&line);
        let command = text.trim_end_matches(['\r', '\n']);
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            // No 8BITMIME or SMTPUTF8: the client must send 7-bit data, so a test can check
            // that Japanese text went out encoded.
            "EHLO" => b"250 sink.test\r\n",
            "HELO" => b"250 sink.test\r\n",
            "MAIL" => {
                mail_from = path_of(command);
                rcpt_to.clear();
                b"250 2.1.0 OK\r\n"
            }
            "RCPT" => {
                rcpt_to.push(path_of(command));
                b"250 2.1.5 OK\r\n"
            }
            "DATA" => {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let data = read_data(&mut read).await?;
                let refuse = {
                    let mut s = state.lock().expect("sink state");
                    if s.refuse_next > 0 {
                        s.refuse_next -= 1;
                        s.refused += 1;
                        true
                    } else {
                        s.received.push(Received {
                            mail_from: std::mem::take(&mut mail_from),
                            rcpt_to: std::mem::take(&mut rcpt_to),
                            data,
                        });
                        false
                    }
                };
                if refuse {
                    b"451 4.3.0 Temporary failure, try again later\r\n"
                } else {
                    b"250 2.0.0 Queued\r\n"
                }
            }
            "RSET" => {
                mail_from.clear();
                rcpt_to.clear();
                b"250 2.0.0 OK\r\n"
            }
            "NOOP" => b"250 2.0.0 OK\r\n",
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 Command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// The address between `<` and `>` in `MAIL FROM:<a@b> SIZE=…` or `RCPT TO:<a@b>`.
fn path_of(command: &str) -> String {
    match (command.find('<'), command.find('>')) {
        (Some(start), Some(end)) if start < end => command[start + 1..end].to_string(),
        _ => String::new(),
    }
}

/// The message after `354`, up to the line with a single dot; a leading dot that the client
/// doubled (dot-stuffing, RFC 5321 §4.5.2) is removed.
async fn read_data(
    read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<String> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            break;
        }
        let unstuffed = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        data.extend_from_slice(unstuffed);
    }
    Ok(String::from_utf8_lossy(&data).into_owned())
}
