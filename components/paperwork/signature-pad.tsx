'use client'
import { Eraser } from 'lucide-react'
import { useEffect, useRef } from 'react'
import SignaturePadLib from 'signature_pad'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field-error'
import { labelClassName } from '@/components/ui/field-styles'
import { cn } from '@/components/ui/cn'

/**
 * A box to draw a signature in, with a finger, a pen or a mouse (signature_pad). It reports a PNG
 * data URL after each stroke, and null once cleared. The canvas keeps the device's pixel density so
 * the signature stays sharp in the PDF.
 */
export function SignaturePad({ id, label, error, onChange }: { id: string; label: string; error?: string; onChange: (png: string | null) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const pad = useRef<SignaturePadLib | null>(null)
  const report = useRef(onChange)
  useEffect(() => {
    report.current = onChange
  }, [onChange])

  useEffect(() => {
    const element = canvas.current
    if (!element) return
    const instance = new SignaturePadLib(element, { penColor: '#2b2521', minWidth: 0.8, maxWidth: 2.6 })
    pad.current = instance
    const resize = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1)
      const data = instance.toData()
      element.width = element.offsetWidth * ratio
      element.height = element.offsetHeight * ratio
      element.getContext('2d')?.scale(ratio, ratio)
      instance.fromData(data)
    }
    resize()
    const stroke = () => report.current(instance.isEmpty() ? null : instance.toDataURL('image/png'))
    instance.addEventListener('endStroke', stroke)
    window.addEventListener('resize', resize)
    return () => {
      instance.removeEventListener('endStroke', stroke)
      window.removeEventListener('resize', resize)
      instance.off()
      pad.current = null
    }
  }, [])

  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  return (
    <div className="flex flex-col gap-1.5">
      <span id={`${id}-label`} className={labelClassName}>
        {label}
      </span>
      <p id={hintId} className="text-sm text-muted-foreground">
        Draw your signature in the box with your finger, a pen or the mouse.
      </p>
      <div className={cn('relative rounded-md border-2 border-dashed bg-card', error ? 'border-danger' : 'border-input')}>
        <canvas
          ref={canvas}
          id={id}
          role="img"
          aria-labelledby={`${id}-label`}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          className="block h-40 w-full touch-none rounded-md sm:h-44"
          data-test="signature-pad"
        />
        <span aria-hidden className="pointer-events-none absolute right-4 bottom-9 left-4 border-b border-border" />
      </div>
      <div>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            pad.current?.clear()
            report.current(null)
          }}
          data-test="signature-clear"
        >
          <Eraser aria-hidden /> Clear the signature
        </Button>
      </div>
      <FieldError id={errorId} message={error} />
    </div>
  )
}
